import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, HostTree } from '../../../../test/agent/support/host-tree';
import { HwmonSensors } from './hwmon-sensors';

describe('HwmonSensors', () => {
  it('names each sensor chip/label (tempN where there is no label), in hwmon and temp number order', async () => {
    expect(await new HwmonSensors(join(FIXTURES, 'kvm-guest/sys')).read()).toEqual([
      { sensor: 'acpitz/temp1', celsius: -5.5 },
      { sensor: 'coretemp/Package id 0', celsius: 54 },
      { sensor: 'coretemp/Core 0', celsius: 51 },
      { sensor: 'coretemp/Core 8', celsius: 49.5 },
      { sensor: 'nvme/Composite', celsius: 38.9 },
      // An old kernel's chip keeps its files in device/; its temp2_input is empty, which is no reading.
      { sensor: 'it87/temp1', celsius: 30 },
      { sensor: 'nvme#2/Composite', celsius: 41 },
    ]);
  });

  it('gives undefined on a host without hwmon, never an empty list', async () => {
    expect(await new HwmonSensors(join(FIXTURES, 'bare-metal/sys')).read()).toBeUndefined();
  });

  it('looks again after a sensor goes away, and finds one that appears later', async () => {
    const tree = new HostTree('kvm-guest');
    const sensors = new HwmonSensors(join(tree.root, 'sys'));
    expect(await sensors.read()).toHaveLength(7);
    rmSync(join(tree.root, 'sys/class/hwmon/hwmon2'), { recursive: true });
    expect((await sensors.read())?.map((t) => t.sensor)).not.toContain('nvme/Composite');
    expect(await sensors.read()).toHaveLength(6);

    const late = new HostTree('bare-metal');
    const lateSensors = new HwmonSensors(join(late.root, 'sys'));
    expect(await lateSensors.read()).toBeUndefined();
    late.write('sys/class/hwmon/hwmon0/name', 'k10temp\n');
    late.write('sys/class/hwmon/hwmon0/temp1_label', 'Tctl\n');
    late.write('sys/class/hwmon/hwmon0/temp1_input', '47125\n');
    expect(await lateSensors.read()).toEqual([{ sensor: 'k10temp/Tctl', celsius: 47.1 }]);
  });

  it('sends at most 64', async () => {
    const tree = new HostTree('bare-metal');
    tree.write('sys/class/hwmon/hwmon0/name', 'many\n');
    for (let i = 1; i <= 70; i++) tree.write(`sys/class/hwmon/hwmon0/temp${i}_input`, `${i}000\n`);
    const read = await new HwmonSensors(join(tree.root, 'sys')).read();
    expect(read).toHaveLength(64);
    expect(read?.[63]).toEqual({ sensor: 'many/temp64', celsius: 64 });
  });
});
