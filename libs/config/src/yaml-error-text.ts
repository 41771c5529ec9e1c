import { YAMLParseError } from 'yaml';

/**
 * A YAML parse error as one line (log lines are one line each) that still
 * shows where it is: the problem, line and column, and the text of the
 * offending line, or of the last line before it when the parser only noticed
 * at a blank line or the end (an unclosed quote or bracket).
 */
export function yamlErrorText(err: unknown, source: string): string {
  if (!(err instanceof YAMLParseError) || !err.linePos) return String((err as Error)?.message ?? err).trim();
  const { line, col } = err.linePos[0];
  const problem = /^([\s\S]*?) at line \d+, column \d+:/.exec(err.message)?.[1] ?? err.message.split('\n')[0];
  const lines = source.split(/\r?\n/);
  const where = `${problem} at line ${line}, column ${col}`;
  if (lines[line - 1]?.trim()) return `${where}: ${JSON.stringify(lines[line - 1])}`;
  let before = line - 1;
  while (before > 0 && !lines[before - 1].trim()) before--;
  return before > 0 ? `${where}, after line ${before}: ${JSON.stringify(lines[before - 1])}` : where;
}
