import { appendFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Proof that no secret leaks (issue 15): while the cross-process suites run,
 * every secret they hand a dashboard (server secrets, tokens, password hashes
 * in its config; passwords, bearer tokens and session cookies of requests), every line a
 * dashboard writes and every HTTP response body `fetch` returns are appended to
 * files in one folder for the whole run. At the end (global-teardown.ts) every
 * secret is looked for in every line and body. A one-time setup token is not a
 * secret here: printing it is how the first admin is made.
 */
export const LEAK_DIR_ENV = 'TEST_LEAK_WITNESS_DIR';

/** Shorter values (`s1`, `x`) would match by chance. */
const MIN_SECRET_LENGTH = 8;

function dir(): string | undefined {
  return process.env[LEAK_DIR_ENV] || undefined;
}

function append(kind: 'secrets' | 'issued' | 'logs' | 'responses', text: string): void {
  const folder = dir();
  if (folder) appendFileSync(join(folder, `${kind}-${process.pid}.txt`), text);
}

export function witnessSecrets(...values: Array<string | undefined>): void {
  const kept = values.filter((v): v is string => typeof v === 'string' && v.length >= MIN_SECRET_LENGTH);
  if (kept.length) append('secrets', kept.map((v) => JSON.stringify(v) + '\n').join(''));
}

/** A secret the dashboard made (a bearer token, an enrollment key): shown in the answer that created it, and nowhere else. */
export function witnessIssuedSecret(value: string | undefined): void {
  if (value && value.length >= MIN_SECRET_LENGTH) append('issued', JSON.stringify(value) + '\n');
}

/** Lines a dashboard wrote (stdout and stderr). */
export function witnessLog(chunk: string): void {
  append('logs', chunk);
}

export function witnessResponse(method: string, url: string, body: string): void {
  append('responses', `${method} ${url}\n${body}\n`);
}

/** A fresh folder for a run's witnesses (global-setup.ts). */
export function startWitnessing(): string {
  return mkdtempSync(join(tmpdir(), 'sss-leak-witness-'));
}

export interface Leak {
  secret: string;
  file: string;
  excerpt: string;
}

/** Every place a witnessed secret occurs in a witnessed log or response. */
export function findLeaks(folder: string): Leak[] {
  if (!existsSync(folder)) return [];
  const files = readdirSync(folder);
  const listed = (prefix: string) =>
    new Set(
      files
        .filter((f) => f.startsWith(prefix))
        .flatMap((f) => readFileSync(join(folder, f), 'utf8').split('\n').filter(Boolean))
        .map((line) => JSON.parse(line) as string),
    );
  const secrets = listed('secrets-');
  const issued = listed('issued-');
  const leaks: Leak[] = [];
  for (const file of files.filter((f) => f.startsWith('logs-') || f.startsWith('responses-'))) {
    const text = readFileSync(join(folder, file), 'utf8');
    for (const secret of new Set([...secrets, ...issued])) {
      let at = text.indexOf(secret);
      // An issued secret's one answer: the first response holding it in the test file that made it (a response is one
      // line of JSON, which may show the secret more than once: an enrollment key and the commands that use it).
      if (at >= 0 && !secrets.has(secret) && file.startsWith('responses-')) at = text.indexOf(secret, text.indexOf('\n', at));
      if (at >= 0) leaks.push({ secret, file, excerpt: text.slice(Math.max(0, at - 200), at + secret.length + 50) });
    }
  }
  return leaks;
}

export function stopWitnessing(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
}

/** Kept on the global object: the jest setup file's copy of this module and a test's copy share it. */
const THIRD_PARTIES = Symbol.for('sss.leak-witness.third-parties');

/**
 * A test double of another party (an OpenID Connect provider) at `origin`:
 * what passes between it and the test (its own cookies and pages) is not the
 * dashboard's to keep secret, so requests to it are not witnessed.
 */
export function notWitnessed(origin: string): void {
  const holder = globalThis as { [THIRD_PARTIES]?: Set<string> };
  (holder[THIRD_PARTIES] ??= new Set()).add(new URL(origin).origin);
}

export function isWitnessed(url: string): boolean {
  return !(globalThis as { [THIRD_PARTIES]?: Set<string> })[THIRD_PARTIES]?.has(new URL(url).origin);
}
