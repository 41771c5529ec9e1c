import { join } from 'node:path';
import { Limits, type GpuInfo } from '@sss/contracts/constants';
import { byNumber, listDir, readAmount, readMillidegrees, readText } from './sysfs';

/**
 * AMD GPUs from the amdgpu driver's sysfs files: `/sys/class/drm/cardN/device/`
 * `gpu_busy_percent`, `mem_info_vram_total` and `mem_info_vram_used`, and the
 * card's own hwmon `temp1_input` (the edge temperature) where it has one. A
 * card without those files (another driver, an integrated GPU without VRAM
 * figures) is left out.
 */
export async function readAmdGpus(sysRoot: string): Promise<GpuInfo[]> {
  const drm = join(sysRoot, 'class/drm');
  const cards = (await listDir(drm)).filter((e) => /^card\d+$/.test(e)).sort(byNumber);
  const gpus: GpuInfo[] = [];
  for (const card of cards) {
    const device = join(drm, card, 'device');
    const [busy, total, used] = await Promise.all(
      ['gpu_busy_percent', 'mem_info_vram_total', 'mem_info_vram_used'].map((f) => readAmount(join(device, f))),
    );
    if (busy === undefined || total === undefined || used === undefined) continue;
    const hwmon = (await listDir(join(device, 'hwmon'))).sort(byNumber)[0];
    const celsius = hwmon ? await readMillidegrees(join(device, 'hwmon', hwmon, 'temp1_input')) : undefined;
    const name = ((await readText(join(device, 'product_name'))) || `amdgpu ${card}`).slice(0, Limits.TEXT_MAX_LENGTH);
    gpus.push({
      name,
      utilPercent: Math.min(100, busy),
      memoryTotal: total,
      memoryUsed: Math.min(used, total),
      ...(celsius !== undefined && { celsius }),
    });
  }
  return gpus.slice(0, Limits.MAX_GPUS);
}
