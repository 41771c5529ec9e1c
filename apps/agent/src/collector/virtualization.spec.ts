import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, HostTree, type HostTreeName } from '../../../../test/agent/support/host-tree';
import { detectVirtualization } from './virtualization';

const cpuinfo = (root: string) => readFileSync(join(root, 'proc/cpuinfo'), 'utf8');
const detect = (root: string) => detectVirtualization(root, cpuinfo(root));
const fixture = (name: HostTreeName) => join(FIXTURES, name);

describe('detectVirtualization', () => {
  it("answers as systemd-detect-virt does for the checked-in hosts: kvm's clock, bare metal, a podman container", async () => {
    expect(await detect(fixture('kvm-guest'))).toBe('kvm');
    expect(await detect(fixture('bare-metal'))).toBe('none');
    expect(await detect(fixture('podman-container'))).toBe('podman'); // a container wins over its VM
  });

  it.each<[string, Record<string, string>, string]>([
    ['docker by /.dockerenv', { '.dockerenv': '' }, 'docker'],
    ["PID 1's container= variable", { 'proc/1/environ': 'PATH=/bin\0container=lxc\0HOME=/\0' }, 'lxc'],
    ["systemd's note", { 'run/systemd/container': 'systemd-nspawn\n' }, 'systemd-nspawn'],
    ['a docker cgroup of PID 1', { 'proc/1/cgroup': '12:pids:/docker/3f1a9c\n0::/docker/3f1a9c\n' }, 'docker'],
    ['a Kubernetes pod cgroup', { 'proc/1/cgroup': '0::/kubepods/besteffort/pod1/abc\n' }, 'container'],
    ['WSL by its kernel', { 'proc/sys/kernel/osrelease': '5.15.153.1-microsoft-standard-WSL2\n' }, 'wsl'],
  ])('finds a container: %s', async (_, files, expected) => {
    const tree = new HostTree('bare-metal');
    for (const [path, text] of Object.entries(files)) tree.write(path, text);
    expect(await detect(tree.root)).toBe(expected);
  });

  const withHypervisorFlag = 'processor\t: 0\nflags\t\t: fpu hypervisor\n';
  it.each<[string, Record<string, string>, string]>([
    ['VMware by DMI', { 'sys/class/dmi/id/sys_vendor': 'VMware, Inc.\n' }, 'vmware'],
    ['VirtualBox by DMI', { 'sys/class/dmi/id/sys_vendor': 'innotek GmbH\n' }, 'oracle'],
    [
      'Hyper-V by its clock',
      { 'sys/devices/system/clocksource/clocksource0/available_clocksource': 'hyperv_clocksource_tsc_page acpi_pm\n' },
      'microsoft',
    ],
    ['QEMU without KVM', { 'sys/class/dmi/id/sys_vendor': 'QEMU\n' }, 'qemu'],
    ['an unknown hypervisor', {}, 'vm'],
  ])('finds a hypervisor with the CPU flag: %s', async (_, files, expected) => {
    const tree = new HostTree('bare-metal');
    tree.write('sys/class/dmi/id/sys_vendor', 'Unknown\n');
    tree.write('sys/class/dmi/id/product_name', 'Unknown\n');
    for (const [path, text] of Object.entries(files)) tree.write(path, text);
    expect(await detectVirtualization(tree.root, withHypervisorFlag)).toBe(expected);
  });

  it('takes Xen from its own marker, and no VM vendor in DMI without the CPU flag', async () => {
    const xen = new HostTree('bare-metal');
    xen.write('sys/hypervisor/type', 'xen\n');
    expect(await detect(xen.root)).toBe('xen');
    const laptop = new HostTree('bare-metal');
    laptop.write('sys/class/dmi/id/sys_vendor', 'Microsoft Corporation\n');
    expect(await detect(laptop.root)).toBe('none');
  });
});
