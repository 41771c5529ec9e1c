import { readFileSync } from 'node:fs';
import type { ConfigReader } from './config-reader';

/**
 * Resolves exactly one of `secret`, `secretFile` (e.g. a mounted Kubernetes
 * Secret) or `secretEnv` (the name of an environment variable) to the secret.
 */
export function readSecret(reader: ConfigReader, env: NodeJS.ProcessEnv): string {
  const given = ['secret', 'secretFile', 'secretEnv'].filter((k) => reader.has(k));
  if (given.length !== 1) {
    throw reader.error(
      'secret',
      given.length === 0 ? 'one of secret, secretFile or secretEnv is required' : `give only one of ${given.join(', ')}`,
    );
  }
  const [key] = given;
  if (key === 'secret') return reader.str('secret');
  if (key === 'secretEnv') {
    const name = reader.str('secretEnv');
    const value = env[name];
    if (!value) throw reader.error('secretEnv', `environment variable ${name} is not set or empty`);
    return value;
  }
  return readSecretFile(reader, 'secretFile');
}

/** A secret kept in the file that `key` names, without its final newline; a missing or empty file is an error. */
export function readSecretFile(reader: ConfigReader, key: string): string {
  const file = reader.str(key);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw reader.error(key, `cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  const secret = text.replace(/\r?\n$/, '');
  if (!secret) throw reader.error(key, `${file} is empty`);
  return secret;
}
