import { join } from 'node:path';
import { Limits } from '@sss/contracts/constants';
import { exists, readText } from './sysfs';

/**
 * DMI vendor and product names and what systemd-detect-virt calls them (the
 * start of the string is matched, as systemd does).
 */
const DMI_NAMES: ReadonlyArray<[prefix: string, name: string]> = [
  ['KVM', 'kvm'],
  ['OpenStack', 'kvm'],
  ['KubeVirt', 'kvm'],
  ['Amazon EC2', 'amazon'],
  ['QEMU', 'qemu'],
  ['VMware', 'vmware'],
  ['VMW', 'vmware'],
  ['innotek GmbH', 'oracle'],
  ['VirtualBox', 'oracle'],
  ['Oracle Corporation', 'oracle'],
  ['Xen', 'xen'],
  ['Bochs', 'bochs'],
  ['Parallels', 'parallels'],
  ['BHYVE', 'bhyve'],
  ['Hyper-V', 'microsoft'],
  ['Microsoft Corporation', 'microsoft'],
  ['Apple Virtualization', 'apple'],
  ['Google', 'google'],
];

/** /proc/1/cgroup paths that give a container runtime away. */
const CGROUP_NAMES: ReadonlyArray<[pattern: RegExp, name: string]> = [
  [/\/docker[-/]/, 'docker'],
  [/libpod/, 'podman'],
  [/\/lxc[./]/, 'lxc'],
  [/kubepods|containerd|crio/, 'container'],
];

/**
 * What systemd-detect-virt would answer for the host under `hostRoot`, from
 * files only (it is not run): a container first (`docker`, `podman`, `lxc`,
 * `wsl`, ..., `container` for one it cannot name), else a hypervisor (`kvm`,
 * `vmware`, `microsoft`, ..., `vm` for one it cannot name), else `none`. A
 * hypervisor needs the CPU's `hypervisor` flag (only a hypervisor sets it; a
 * bare-metal DMI table can name a VM vendor, e.g. a Microsoft laptop), or Xen's
 * own marker. `cpuinfo` is /proc/cpuinfo's text.
 */
export async function detectVirtualization(hostRoot: string, cpuinfo: string): Promise<string> {
  const name = (await detectContainer(hostRoot)) ?? (await detectHypervisor(hostRoot, cpuinfo)) ?? 'none';
  return name.slice(0, Limits.TEXT_MAX_LENGTH);
}

async function detectContainer(root: string): Promise<string | undefined> {
  // PID 1's environment (readable as root only) and systemd's own note.
  const environ = await readText(join(root, 'proc/1/environ'));
  const fromEnv = environ
    ?.split('\0')
    .find((v) => v.startsWith('container='))
    ?.slice('container='.length);
  if (fromEnv) return fromEnv;
  const noted = await readText(join(root, 'run/systemd/container'));
  if (noted) return noted;
  if (await exists(join(root, 'run/.containerenv'))) return 'podman';
  if (await exists(join(root, '.dockerenv'))) return 'docker';
  const cgroup = (await readText(join(root, 'proc/1/cgroup'))) ?? '';
  const byCgroup = CGROUP_NAMES.find(([pattern]) => pattern.test(cgroup));
  if (byCgroup) return byCgroup[1];
  if ((await exists(join(root, 'proc/vz'))) && !(await exists(join(root, 'proc/bc')))) return 'openvz';
  const osrelease = (await readText(join(root, 'proc/sys/kernel/osrelease'))) ?? '';
  if (/microsoft|wsl/i.test(osrelease)) return 'wsl';
  return undefined;
}

async function detectHypervisor(root: string, cpuinfo: string): Promise<string | undefined> {
  const xen = await readText(join(root, 'sys/hypervisor/type'));
  if (xen === 'xen') return 'xen';
  if (!/^flags\s*:.*\bhypervisor\b/m.test(cpuinfo)) return undefined;
  // systemd asks the CPU (CPUID) first: KVM's paravirtual clock says the same without it.
  const clocks = (await readText(join(root, 'sys/devices/system/clocksource/clocksource0/available_clocksource'))) ?? '';
  if (/\bkvm-clock\b/.test(clocks)) return 'kvm';
  if (/\bhyperv_clocksource/.test(clocks)) return 'microsoft';
  for (const file of ['sys_vendor', 'product_name']) {
    const known = hypervisorName((await readText(join(root, 'sys/class/dmi/id', file))) ?? '');
    if (known) return known;
  }
  return 'vm';
}

/** systemd-detect-virt's name for a DMI vendor or product name, e.g. `VMware, Inc.` -> `vmware`. */
export function hypervisorName(vendor: string): string | undefined {
  return DMI_NAMES.find(([prefix]) => vendor.startsWith(prefix))?.[1];
}
