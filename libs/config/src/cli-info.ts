import { closestKey } from './closest-key';
import { VERSION } from './version';

const HELP_FLAGS = ['--help', '-h'];
const VERSION_FLAGS = ['--version', '-v'];

/**
 * Answers `--help`/`-h` (the usage text, then the version line) or
 * `--version`/`-v` (`<name> <version>`) on stdout, whichever comes first in
 * `argv`, and returns true: the caller then exits 0 without reading its
 * config. Returns false, printing nothing, when neither is given.
 */
export function answerInfoFlags(argv: readonly string[], info: { name: string; usage: string }): boolean {
  const flag = argv.find((arg) => HELP_FLAGS.includes(arg) || VERSION_FLAGS.includes(arg));
  if (flag === undefined) return false;
  const versionLine = `${info.name} ${VERSION}\n`;
  process.stdout.write(HELP_FLAGS.includes(flag) ? `${info.usage.trimEnd()}\n\n${versionLine}` : versionLine);
  return true;
}

/** The reason for an unknown command-line flag, naming the closest known one. */
export function unknownFlag(name: string, known: readonly string[]): string {
  const meant = closestKey(name, known);
  return meant ? `unknown flag, did you mean ${meant}? (see --help)` : 'unknown flag (see --help)';
}
