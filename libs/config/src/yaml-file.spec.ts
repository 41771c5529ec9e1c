import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readYamlFile } from './yaml-file';

const dir = mkdtempSync(join(tmpdir(), 'sss-yaml-file-'));
let n = 0;
function file(text: string): string {
  const path = join(dir, `c${n++}.yaml`);
  writeFileSync(path, text);
  return path;
}
const messageOf = (path: string): string => {
  try {
    readYamlFile(path);
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected an error');
};

describe('readYamlFile', () => {
  it('reads a mapping', () => {
    expect(readYamlFile(file('port: 9000\nservers:\n  - id: a\n'))).toEqual({ port: 9000, servers: [{ id: 'a' }] });
  });

  it.each([
    [
      'a key with a mapping after it on the same line',
      'server: ws://dash\nid: web-1\nname: web: one\n',
      'Nested mappings are not allowed in compact mappings at line 3, column 7: "name: web: one"',
    ],
    ['a repeated key', 'id: a\nid: b\n', 'Map keys must be unique at line 2, column 1: "id: b"'],
    ['a tab as indentation', 'servers:\n\t- id: a\n', 'Tabs are not allowed as indentation at line 2, column 1: "\\t- id: a"'],
    [
      'an unclosed bracket, noticed only at the end of the file',
      'port: 9000\nexcludeInterfaces: [lo, docker0\n\n',
      'Flow sequence in block collection must be sufficiently indented and end with a ] at line 4, column 1, after line 2: "excludeInterfaces: [lo, docker0"',
    ],
  ])('names the file, the line, the column and the text of the line for %s', (_, text, where) => {
    const path = file(text);
    expect(messageOf(path)).toBe(`config: ${path}: not valid YAML: ${where}`);
  });

  it('keeps the message on one line, so a log line holds all of it', () => {
    expect(messageOf(file('a:\n  b: 1\n c: 2\n'))).not.toContain('\n');
  });

  it('names a missing file and a document that is not a mapping', () => {
    expect(messageOf(join(dir, 'nope.yaml'))).toBe(`config: ${join(dir, 'nope.yaml')}: file not found`);
    const list = file('- a\n- b\n');
    expect(messageOf(list)).toBe(`config: ${list}: must be a YAML mapping of keys`);
  });
});
