import { parse } from 'yaml';
import { closestKey } from './closest-key';
import { ConfigError } from './config-error';
import { yamlErrorText } from './yaml-error-text';

interface IntOptions {
  min?: number;
  max?: number;
}

export interface StrOptions {
  pattern?: RegExp;
  patternHint?: string;
  maxLength?: number;
}

/** ISO 3166-1 alpha-2, as both the dashboard and the agent accept it (either case). */
export const COUNTRY_CODE: StrOptions = { pattern: /^[A-Za-z]{2}$/, patternHint: 'two letters (ISO 3166-1 alpha-2)' };

const DURATION_UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, y: 365 * 86_400_000 };
const BYTE_UNITS: Record<string, number> = {
  '': 1,
  B: 1,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
  TB: 1e12,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  TiB: 1024 ** 4,
};

/**
 * Typed, checked access to one level of a parsed config. Every error names the
 * full key (`servers[2].id`) and the reason. Numbers may arrive as strings from
 * environment variables and are converted here.
 */
export class ConfigReader {
  constructor(
    private readonly data: Record<string, unknown>,
    private readonly path = '',
  ) {}

  keyName(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  /** Rejects keys this level does not know, so typos fail loudly instead of being ignored; suggests the one meant. */
  allowOnly(keys: readonly string[]): this {
    for (const key of Object.keys(this.data)) {
      if (keys.includes(key)) continue;
      const meant = closestKey(key, keys);
      throw new ConfigError(this.keyName(key), meant ? `unknown key, did you mean ${meant}?` : `unknown key (known: ${keys.join(', ')})`);
    }
    return this;
  }

  has(key: string): boolean {
    const v = this.data[key];
    return v !== undefined && v !== null && v !== '';
  }

  optionalStr(key: string, opts: StrOptions = {}): string | undefined {
    if (!this.has(key)) return undefined;
    const v = this.data[key];
    if (typeof v !== 'string' && typeof v !== 'number') throw this.error(key, `must be a string, got ${describe(v)}`);
    const s = String(v);
    if (opts.maxLength !== undefined && s.length > opts.maxLength) {
      throw this.error(key, `must be at most ${opts.maxLength} characters`);
    }
    if (opts.pattern && !opts.pattern.test(s)) throw this.error(key, `must match ${opts.patternHint ?? opts.pattern}`);
    return s;
  }

  str(key: string, fallback?: string, opts: StrOptions = {}): string {
    const s = this.optionalStr(key, opts) ?? fallback;
    if (s === undefined) throw this.error(key, 'is required');
    return s;
  }

  optionalInt(key: string, opts: IntOptions = {}): number | undefined {
    if (!this.has(key)) return undefined;
    const v = this.data[key];
    const n = typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v;
    if (typeof n !== 'number' || !Number.isInteger(n)) throw this.error(key, `must be an integer, got ${describe(v)}`);
    if (opts.min !== undefined && n < opts.min) throw this.error(key, `must be >= ${opts.min}, got ${n}`);
    if (opts.max !== undefined && n > opts.max) throw this.error(key, `must be <= ${opts.max}, got ${n}`);
    return n;
  }

  int(key: string, fallback: number, opts: IntOptions = {}): number {
    return this.optionalInt(key, opts) ?? fallback;
  }

  /** A nested mapping; an absent key reads as an empty one. */
  section(key: string): ConfigReader {
    if (!this.has(key)) return new ConfigReader({}, this.keyName(key));
    const v = this.data[key];
    if (typeof v !== 'object' || Array.isArray(v)) throw this.error(key, `must be a mapping, got ${describe(v)}`);
    return new ConfigReader(v as Record<string, unknown>, this.keyName(key));
  }

  bool(key: string, fallback: boolean): boolean {
    if (!this.has(key)) return fallback;
    const v = this.data[key];
    if (v === true || v === 'true') return true;
    if (v === false || v === 'false') return false;
    throw this.error(key, `must be true or false, got ${describe(v)}`);
  }

  /** A duration in milliseconds: a number of seconds, or a number with a unit: `90s`, `15m`, `48h`, `30d`, `1y` (365 days). */
  duration(key: string, fallbackMs: number, opts: IntOptions = {}): number {
    return this.withUnit(key, fallbackMs, DURATION_UNITS, 'a duration such as 90s, 15m, 48h, 30d or 1y', opts);
  }

  /** A size in bytes: a number of bytes, or a number with a unit: `512KiB`, `100MB`, `2GiB`, `1TB`. */
  bytes(key: string, fallback: number, opts: IntOptions = {}): number {
    return this.withUnit(key, fallback, BYTE_UNITS, 'a size such as 512MiB or 2GiB', opts);
  }

  /** A list of mappings; a string (from an environment variable) is read as YAML/JSON. */
  list(key: string): ConfigReader[] {
    if (!this.has(key)) return [];
    let v = this.data[key];
    if (typeof v === 'string') {
      const text = v;
      try {
        v = parse(text);
      } catch (err) {
        throw this.error(key, `not valid YAML/JSON: ${yamlErrorText(err, text)}`);
      }
    }
    if (!Array.isArray(v)) throw this.error(key, `must be a list, got ${describe(v)}`);
    return v.map((item, i) => {
      const name = `${this.keyName(key)}[${i}]`;
      if (item === null || typeof item !== 'object' || Array.isArray(item)) {
        throw new ConfigError(name, `must be a mapping, got ${describe(item)}`);
      }
      return new ConfigReader(item as Record<string, unknown>, name);
    });
  }

  /** A list of strings; a string (from an environment variable) is split on commas. */
  strList(key: string, fallback: string[]): string[] {
    if (!this.has(key)) return fallback;
    const v = this.data[key];
    const items =
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v;
    if (!Array.isArray(items) || items.some((s) => typeof s !== 'string')) {
      throw this.error(key, `must be a list of strings, got ${describe(v)}`);
    }
    return items as string[];
  }

  private withUnit(key: string, fallback: number, units: Record<string, number>, hint: string, opts: IntOptions): number {
    if (!this.has(key)) return fallback;
    const v = this.data[key];
    const match = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(String(v));
    const unit = match ? (match[2] === '' ? '' : match[2]) : undefined;
    const factor = unit === undefined ? undefined : units[unit];
    if (typeof v === 'boolean' || !match || factor === undefined) throw this.error(key, `must be ${hint}, got ${describe(v)}`);
    const n = Math.round(Number(match[1]) * factor);
    if (opts.min !== undefined && n < opts.min) throw this.error(key, `is too small (${String(v)})`);
    if (opts.max !== undefined && n > opts.max) throw this.error(key, `is too large (${String(v)})`);
    return n;
  }

  error(key: string, reason: string): ConfigError {
    return new ConfigError(this.keyName(key), reason);
  }
}

function describe(v: unknown): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a mapping';
  return `${typeof v} ${JSON.stringify(v)?.slice(0, 40)}`;
}
