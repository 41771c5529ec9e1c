import { join } from 'node:path';
import { FIXTURES, HostTree } from '../../../../test/agent/support/host-tree';
import { readAmdGpus } from './amd-gpus';

describe('readAmdGpus', () => {
  it("reads amdgpu's busy percent, VRAM and edge temperature, skipping connectors, render nodes and other drivers", async () => {
    expect(await readAmdGpus(join(FIXTURES, 'kvm-guest/sys'))).toEqual([
      { name: 'amdgpu card0', utilPercent: 37, memoryTotal: 8573157376, memoryUsed: 1073741824, celsius: 61 },
    ]);
  });

  it('takes the product name where the card has one, and no celsius without a hwmon', async () => {
    const tree = new HostTree('bare-metal');
    tree.write('sys/class/drm/card2/device/gpu_busy_percent', '100\n');
    tree.write('sys/class/drm/card2/device/mem_info_vram_total', '68702699520\n');
    tree.write('sys/class/drm/card2/device/mem_info_vram_used', '0\n');
    tree.write('sys/class/drm/card2/device/product_name', 'AMD Instinct MI210\n');
    expect(await readAmdGpus(join(tree.root, 'sys'))).toEqual([
      { name: 'AMD Instinct MI210', utilPercent: 100, memoryTotal: 68702699520, memoryUsed: 0 },
    ]);
  });

  it('finds none on a host without a GPU', async () => {
    expect(await readAmdGpus(join(FIXTURES, 'bare-metal/sys'))).toEqual([]);
  });
});
