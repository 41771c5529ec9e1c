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
  /** `errors` only when asked for: finding them costs far more than finding that there are some. */
  | { ok: false; errors?: string[] };

/**
 * Deeper than this, a message is refused before class-validator walks it (an
 * object nested thousands deep would overflow its stack). A ServerInfo is 3 deep.
 */
export const MAX_NESTING = 16;

/**
 * Turns one text frame into a validated ServerInfo. Only decorated fields are
 * kept (so unknown keys, `__proto__` and `constructor` never reach the result);
 * anything else is refused, with `explain` with readable errors such as
 * `cpu.percent: must not be greater than 100`.
 */
export function parseServerInfo(text: string, explain = true): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`not JSON: ${(err as Error).message}`] };
  }
  if (!isObject(raw)) return { ok: false, errors: ['the message must be a JSON object'] };
  const kept = fastCheck(raw);
  if (kept >= 0) return { ok: true, value: raw as unknown as ServerInfo, verbatim: kept === keysInBareObject(text) };
  if (!explain) return { ok: false };
  const depth = nestingDepth(text);
  if (depth > MAX_NESTING) return { ok: false, errors: [`nested ${depth} levels deep, more than ${MAX_NESTING}`] };
  return { ok: false, errors: explainInvalid(raw) };
}

function isObject(raw: unknown): raw is Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw);
}

/**
 * Why the fast check refused `raw`, in class-validator's words. The fast
 * check decides (it agrees with class-validator by construction, see
 * fast-check.spec.ts), so a frame gets the same outcome whether or not its
 * warning is printed.
 */
function explainInvalid(raw: Record<string, unknown>): string[] {
  const dto = plainToInstance(ServerInfoDto, raw, {
    excludeExtraneousValues: true,
    exposeUnsetFields: false,
  });
  const errors = flatten(validateSync(dto, { forbidUnknownValues: true }));
  return errors.length > 0 ? errors : ['invalid'];
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

/** How deep objects and arrays nest in a JSON text, found without recursion. */
function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > max) max = depth;
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    } else if (c === 0x22 /* " */) {
      for (i++; text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c /* \ */) i++;
    }
  }
  return max;
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
