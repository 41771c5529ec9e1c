import { access, readdir, readFile } from 'node:fs/promises';

// Small readers for /sys and /proc files where a missing file is an answer (this host has no such thing).

/** The file's text without surrounding whitespace; undefined if it cannot be read. */
export async function readText(path: string): Promise<string | undefined> {
  try {
    return (await readFile(path, 'utf8')).trim();
  } catch {
    return undefined;
  }
}

/** A file holding one number; undefined if missing, empty (Number('') is 0) or not a number. */
export async function readNumber(path: string): Promise<number | undefined> {
  const text = await readText(path);
  const value = text ? Number(text) : NaN;
  return Number.isFinite(value) ? value : undefined;
}

/** A file holding a count or size: a number that is not negative. */
export async function readAmount(path: string): Promise<number | undefined> {
  const value = await readNumber(path);
  return value !== undefined && value >= 0 ? value : undefined;
}

/** A sensor file in millidegrees Celsius, as degrees with one decimal. */
export async function readMillidegrees(path: string): Promise<number | undefined> {
  const value = await readNumber(path);
  return value === undefined ? undefined : Math.round(value / 100) / 10;
}

export async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** The entries of a directory; none if it does not exist. */
export async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** Orders names by their first number: hwmon2 before hwmon10, card1 before card10. */
export function byNumber(a: string, b: string): number {
  return Number(/\d+/.exec(a)?.[0]) - Number(/\d+/.exec(b)?.[0]);
}
