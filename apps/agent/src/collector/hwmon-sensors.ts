import { join } from 'node:path';
import { Limits, type TemperatureInfo } from '@sss/contracts/constants';
import { byNumber, listDir, readMillidegrees, readText } from './sysfs';

interface Sensor {
  /** `chip/label`, e.g. `coretemp/Package id 0`; `acpitz/temp1` where the chip names no label. */
  sensor: string;
  input: string;
}

const TEMP_INPUT = /^temp(\d+)_input$/;

/**
 * Temperatures from /sys/class/hwmon. Which sensors exist and their names are
 * found once (two small files per sensor), then a sample reads only each
 * `tempN_input`, of the first 64 that answered. A host without hwmon (most VMs)
 * gives undefined; it is looked at again each sample, as is the list after a
 * sensor stops answering.
 */
export class HwmonSensors {
  private sensors?: Sensor[];

  constructor(private readonly sysRoot: string) {}

  async read(): Promise<TemperatureInfo[] | undefined> {
    const sensors = (this.sensors ??= await this.discover());
    const readings = await Promise.all(sensors.map((s) => readMillidegrees(s.input)));
    const out: TemperatureInfo[] = [];
    readings.forEach((celsius, i) => {
      if (celsius !== undefined) out.push({ sensor: sensors[i].sensor, celsius });
    });
    if (out.length < sensors.length || out.length === 0) this.sensors = undefined; // look again next time
    return out.length ? out : undefined;
  }

  private async discover(): Promise<Sensor[]> {
    const root = join(this.sysRoot, 'class/hwmon');
    const chips = (await listDir(root)).filter((e) => e.startsWith('hwmon')).sort(byNumber);
    const seen = new Map<string, number>();
    const sensors: Sensor[] = [];
    for (const chip of chips) {
      // Old kernels keep the files in the chip's device directory.
      let dir = join(root, chip);
      let files = await listDir(dir);
      if (!files.some((f) => TEMP_INPUT.test(f))) files = await listDir((dir = join(dir, 'device')));
      const inputs = files.filter((f) => TEMP_INPUT.test(f)).sort(byNumber);
      if (inputs.length === 0) continue;
      const name = (await readText(join(dir, 'name'))) ?? chip;
      // Two chips of one kind (two CPU packages, two NVMe drives): the second is `name#2`.
      const n = (seen.get(name) ?? 0) + 1;
      seen.set(name, n);
      const chipName = n > 1 ? `${name}#${n}` : name;
      for (const input of inputs) {
        // One that does not answer now (an empty or failing file) is not a sensor of this host.
        if ((await readMillidegrees(join(dir, input))) === undefined) continue;
        if (sensors.length === Limits.MAX_TEMPERATURES) return sensors;
        const index = TEMP_INPUT.exec(input)![1];
        const label = (await readText(join(dir, `temp${index}_label`))) || `temp${index}`;
        sensors.push({ sensor: `${chipName}/${label}`.slice(0, Limits.TEXT_MAX_LENGTH), input: join(dir, input) });
      }
    }
    return sensors;
  }
}
