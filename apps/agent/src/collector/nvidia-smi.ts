import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { Limits, type GpuInfo } from '@sss/contracts/constants';

export const NVIDIA_SMI_ARGS = [
  '--query-gpu=name,utilization.gpu,memory.total,memory.used,temperature.gpu',
  '--format=csv,noheader,nounits',
];
/** A wedged driver can make nvidia-smi hang; it is killed after this. */
const TIMEOUT_MS = 10_000;
const MIB = 1024 * 1024;

/** The nvidia-smi on PATH, if there is one: without it the agent never tries to run it. */
export function findNvidiaSmi(path = process.env.PATH ?? ''): string | undefined {
  const name = process.platform === 'win32' ? 'nvidia-smi.exe' : 'nvidia-smi';
  for (const dir of path.split(delimiter).filter(Boolean)) {
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

/** Runs nvidia-smi once; rejects with its error output if it fails (no driver, no GPU). */
export async function readNvidiaSmi(binary: string): Promise<GpuInfo[]> {
  // Loaded only on hosts with nvidia-smi: child_process alone adds megabytes to the agent's RSS.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    execFile(binary, NVIDIA_SMI_ARGS, { timeout: TIMEOUT_MS, maxBuffer: 64 * 1024, windowsHide: true }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${binary} failed: ${(stderr || stdout).trim().slice(0, 200) || err.message}`));
      else resolve(parseNvidiaSmi(stdout));
    });
  });
}

/**
 * `name, util %, memory total MiB, memory used MiB, temperature °C` per line.
 * The name may itself hold commas, so the numbers are taken from the right. A
 * value nvidia-smi cannot read is `[N/A]` or `[Not Supported]`: a GPU without
 * utilization or memory figures is left out, one without a temperature has no celsius.
 */
export function parseNvidiaSmi(csv: string): GpuInfo[] {
  const gpus: GpuInfo[] = [];
  for (const line of csv.split('\n')) {
    const fields = line.split(',').map((f) => f.trim());
    if (fields.length < 5) continue;
    const [util, total, used, temperature] = fields.slice(-4).map(toNumber);
    const name = fields.slice(0, -4).join(', ');
    if (!name || !isAmount(util) || !isAmount(total) || !isAmount(used)) continue;
    gpus.push({
      name: name.slice(0, Limits.TEXT_MAX_LENGTH),
      utilPercent: Math.min(100, util),
      memoryTotal: total * MIB,
      memoryUsed: Math.min(used, total) * MIB,
      ...(temperature !== undefined && { celsius: temperature }),
    });
  }
  return gpus.slice(0, Limits.MAX_GPUS);
}

function isAmount(value: number | undefined): value is number {
  return value !== undefined && value >= 0;
}

function toNumber(field: string): number | undefined {
  const value = /^-?\d+(\.\d+)?$/.test(field) ? Number(field) : NaN;
  return Number.isFinite(value) ? value : undefined;
}
