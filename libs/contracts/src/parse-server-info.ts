import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError } from 'class-validator';
import { compileFastCheck } from './fast-check';
import type { ServerInfo } from './server-info';
import { ServerInfoDto } from './server-info.dto';

const fastCheck = compileFastCheck(ServerInfoDto);

export type ParseResult =
  | { ok: true; value: ServerInfo }
  | { ok: false; errors: string[] };

/**
 * Turns one text frame into a validated ServerInfo. Only decorated fields are
 * copied (so unknown keys, `__proto__` and `constructor` never reach the result);
 * anything else gives readable errors such as `cpu.percent: must not be greater than 100`.
 */
export function parseServerInfo(text: string): ParseResult {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [`not JSON: ${(err as Error).message}`] };
  }
  return validateServerInfo(raw);
}

export function validateServerInfo(raw: unknown): ParseResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: ['the message must be a JSON object'] };
  }
  const fast = fastCheck(raw as Record<string, unknown>);
  if (fast) return { ok: true, value: fast as unknown as ServerInfo };
  // Invalid (or unsure): the full class-validator path says why.
  const dto = plainToInstance(ServerInfoDto, raw, {
    excludeExtraneousValues: true,
    exposeUnsetFields: false,
  });
  const failures = validateSync(dto, { forbidUnknownValues: true });
  if (failures.length > 0) return { ok: false, errors: flatten(failures) };
  return { ok: true, value: dto };
}

function flatten(failures: ValidationError[], prefix = ''): string[] {
  return failures.flatMap((f) => {
    const path = prefix + f.property;
    // class-validator messages start with the property name ("percent must be ..."); the path replaces it.
    const own = Object.values(f.constraints ?? {}).map((m) => `${path}: ${m.startsWith(`${f.property} `) ? m.slice(f.property.length + 1) : m}`);
    return own.concat(flatten(f.children ?? [], `${path}.`));
  });
}
