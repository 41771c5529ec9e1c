import { readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fakeNvidiaSmi } from '../../../../test/agent/support/fake-nvidia-smi';
import { findNvidiaSmi, NVIDIA_SMI_ARGS, parseNvidiaSmi, readNvidiaSmi } from './nvidia-smi';

const MIB = 1024 * 1024;

describe('nvidia-smi', () => {
  it('parses the csv, names with commas included, leaving out what it cannot read', () => {
    const csv = [
      'NVIDIA GeForce RTX 3080, 37, 10240, 2048, 61',
      'NVIDIA A100-SXM4-80GB, 100, 81920, 81000, [N/A]',
      'Tesla K80, rev 2, [Not Supported], 11441, 0, 30',
      'Odd, GPU, 5, 100, 50, -3',
      '',
    ].join('\n');
    expect(parseNvidiaSmi(csv)).toEqual([
      { name: 'NVIDIA GeForce RTX 3080', utilPercent: 37, memoryTotal: 10240 * MIB, memoryUsed: 2048 * MIB, celsius: 61 },
      { name: 'NVIDIA A100-SXM4-80GB', utilPercent: 100, memoryTotal: 81920 * MIB, memoryUsed: 81000 * MIB },
      { name: 'Odd, GPU', utilPercent: 5, memoryTotal: 100 * MIB, memoryUsed: 50 * MIB, celsius: -3 },
    ]);
  });

  it('is found on PATH only where it is, and runs with the documented query', async () => {
    const binary = fakeNvidiaSmi('echo "$@" > "$(dirname "$0")/args"; echo "NVIDIA L4, 12, 23034, 512, 44"');
    expect(findNvidiaSmi(`/nonexistent${delimiter}${dirname(binary)}`)).toBe(binary);
    expect(findNvidiaSmi('/nonexistent')).toBeUndefined();
    expect(await readNvidiaSmi(binary)).toEqual([
      { name: 'NVIDIA L4', utilPercent: 12, memoryTotal: 23034 * MIB, memoryUsed: 512 * MIB, celsius: 44 },
    ]);
    expect(readFileSync(join(dirname(binary), 'args'), 'utf8').trim()).toBe(NVIDIA_SMI_ARGS.join(' '));
  });

  it('fails with what nvidia-smi said when it cannot talk to the driver', async () => {
    const binary = fakeNvidiaSmi('echo "NVIDIA-SMI has failed because it couldn\'t communicate with the NVIDIA driver."; exit 9');
    await expect(readNvidiaSmi(binary)).rejects.toThrow(/failed: NVIDIA-SMI has failed because it couldn't communicate/);
  });
});
