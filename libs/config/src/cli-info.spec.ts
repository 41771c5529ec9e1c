import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { answerInfoFlags } from './cli-info';
import { VERSION } from './version';

const info = { name: 'sss-test', usage: 'Usage: sss-test [flags]\n\n  --help  this text\n' };

/** Calls answerInfoFlags and returns what it answered and what it wrote to stdout. */
function answer(argv: string[]): { answered: boolean; out: string } {
  let out = '';
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  try {
    return { answered: answerInfoFlags(argv, info), out };
  } finally {
    write.mockRestore();
  }
}

describe('answerInfoFlags', () => {
  it('takes the version from the root package.json', () => {
    const pkg = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    expect(VERSION).toMatch(/^\d+\.\d+\.\d+/);
  });

  it.each(['--version', '-v'])('answers %s with the name and version', (flag) => {
    expect(answer(['--config', 'x.yaml', flag])).toEqual({ answered: true, out: `sss-test ${VERSION}\n` });
  });

  it.each(['--help', '-h'])('answers %s with the usage, then the version line', (flag) => {
    expect(answer([flag])).toEqual({ answered: true, out: `Usage: sss-test [flags]\n\n  --help  this text\n\nsss-test ${VERSION}\n` });
  });

  it('answers whichever comes first', () => {
    expect(answer(['-v', '--help']).out).toBe(`sss-test ${VERSION}\n`);
    expect(answer(['--help', '--version']).out).toContain('Usage:');
  });

  it('prints nothing and returns false without them', () => {
    expect(answer(['--config', 'x.yaml', '--verbose'])).toEqual({ answered: false, out: '' });
    expect(answer([])).toEqual({ answered: false, out: '' });
  });
});
