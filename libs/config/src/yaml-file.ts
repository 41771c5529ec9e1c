import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { ConfigError } from './config-error';
import { yamlErrorText } from './yaml-error-text';

/** Reads a YAML mapping; a missing, unreadable or malformed file is a ConfigError naming it. */
export function readYamlFile(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new ConfigError(path, code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(err)})`);
  }
  let doc: unknown;
  try {
    doc = parse(text, { uniqueKeys: true });
  } catch (err) {
    throw new ConfigError(path, `not valid YAML: ${yamlErrorText(err, text)}`);
  }
  if (doc === null || doc === undefined) return {};
  if (typeof doc !== 'object' || Array.isArray(doc)) throw new ConfigError(path, 'must be a YAML mapping of keys');
  return doc as Record<string, unknown>;
}
