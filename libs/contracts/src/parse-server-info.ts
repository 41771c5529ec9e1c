import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { compileFastCheck } from './fast-check';
import type { ServerInfo } from './server-info';
import { ServerInfoDto } from './server-info.dto';

const fastCheck = compileFastCheck(ServerInfoDto);

export type ParseResult =
  | {
      ok: true;
      value: ServerInfo;
      /**
       * The text is exactly `value`: no key dropped, none repeated, nothing
       * around the object. It may then be passed on as it came, sparing a
       * JSON.stringify; a repeated key would otherwise reach clients that read
       * the first one (JSON.parse keeps the last).
       */
      verbatim: boolean;
    }
  | { ok: false; errors: string[] };

/**
 * Turns one text frame into a validated ServerInfo. Only decorated fields are
 * kept (so unknown keys, `__proto__` and `constructor` never reach the result);
 * anything else gives readable errors such as `cpu.percent: must not be greater than 100`.
 */
export function parseServerInfo(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`not JSON: ${(err as Error).message}`] };
  }
  if (!isObject(raw)) return { ok: false, errors: ['the message must be a JSON object'] };
  const kept = fastCheck(raw);
  if (kept >= 0) return { ok: true, value: raw as unknown as ServerInfo, verbatim: kept === keysInBareObject(text) };
  return fullCheck(raw);
}

function isObject(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
}

/** Invalid (or unsure): the full class-validator path decides and says why. */
function fullCheck(raw: Record<string, unknown>): ParseResult {
  const dto = plainToInstance(ServerInfoDto, raw, {
    excludeExtraneousValues: true,
    exposeUnsetFields: false,
  });
  const failures = validateSync(dto, { forbidUnknownValues: true });
  if (failures.length > 0) return { ok: false, errors: flatten(failures) };
  return { ok: true, value: dto, verbatim: false };
}

/**
 * How many keys a JSON text that parsed as an object holds, counting repeats:
 * outside strings a colon separates a key from its value and appears nowhere
 * else. -1 when the text is not bare (whitespace before or after the object).
 */
function keysInBareObject(text: string): number {
  if (text.charCodeAt(0) !== 0x7b /* { */ || text.charCodeAt(text.length - 1) !== 0x7d /* } */) return -1;
  let keys = 0;
  for (let i = 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3a /* : */) {
      keys++;
    } else if (c === 0x22 /* " */) {
      // Skip the string; a backslash escapes the character after it.
      for (i++; text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    }
  }
  return keys;
}

function flatten(failures: ValidationError[], prefix = ''): string[] {
  return failures.flatMap((f) => {
    const path = prefix + f.property;
    // class-validator messages start with the property name ("percent must be ..."); the path replaces it.
    const own = Object.values(f.constraints ?? {}).map(
      (m) => `${path}: ${m.startsWith(`${f.property} `) ? m.slice(f.property.length + 1) : m}`,
    );
    return own.concat(flatten(f.children ?? [], `${path}.`));
  });
}
