// A strict parser of Prometheus' text exposition format 0.0.4
// (https://prometheus.io/docs/instrumenting/exposition_formats/), for the tests that scrape /metrics.
// No parser ships in node_modules (prom-client only writes the format); this one refuses anything the
// format does not allow rather than guessing, so a malformed exposition fails the test that reads it.

export type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';

export interface Sample {
  /** The sample's own name: a histogram's are `<family>_bucket`, `_sum` and `_count`. */
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface MetricFamily {
  name: string;
  type: MetricType;
  help?: string;
  samples: Sample[];
}

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const TYPES: readonly MetricType[] = ['counter', 'gauge', 'histogram', 'summary', 'untyped'];
/** The sample names a family of each type may have, beyond its own name. */
const SUFFIXES: Record<MetricType, readonly string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

export class ExpositionError extends Error {
  constructor(line: number, reason: string) {
    super(`line ${line}: ${reason}`);
  }
}

/** Every metric family of `text`, by name; throws ExpositionError at the first line the format does not allow. */
export function parseExposition(text: string): Map<string, MetricFamily> {
  if (text !== '' && !text.endsWith('\n')) throw new ExpositionError(text.split('\n').length, 'the last line must end with a newline');
  const families = new Map<string, MetricFamily>();
  const series = new Set<string>();
  const typed = new Set<MetricFamily>();
  let current: MetricFamily | undefined;
  const lines = text.split('\n').slice(0, -1);
  lines.forEach((line, index) => {
    const n = index + 1;
    if (line.trim() === '') return;
    if (line.startsWith('#')) {
      const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
      if (!meta) return; // any other comment
      const [, kind, name, rest] = meta;
      if (!METRIC_NAME.test(name)) throw new ExpositionError(n, `invalid metric name "${name}"`);
      let family = families.get(name);
      if (family && family !== current) throw new ExpositionError(n, `${name}: its lines must be together`);
      if (!family) families.set(name, (family = { name, type: 'untyped', samples: [] }));
      current = family;
      if (kind === 'HELP') {
        if (family.help !== undefined) throw new ExpositionError(n, `${name}: a second HELP`);
        family.help = unescape(rest, n, false);
      } else {
        if (!TYPES.includes(rest as MetricType)) throw new ExpositionError(n, `${name}: unknown type "${rest}"`);
        if (family.samples.length) throw new ExpositionError(n, `${name}: TYPE after its samples`);
        if (typed.has(family)) throw new ExpositionError(n, `${name}: a second TYPE`);
        typed.add(family);
        family.type = rest as MetricType;
      }
      return;
    }
    const sample = parseSample(line, n);
    const family = current && familyOf(current, sample.name) ? current : undefined;
    if (!family) throw new ExpositionError(n, `${sample.name}: a sample outside its family's HELP/TYPE block`);
    const key = `${sample.name}${JSON.stringify(Object.entries(sample.labels).sort())}`;
    if (series.has(key)) throw new ExpositionError(n, `${sample.name}: the same series twice`);
    series.add(key);
    if (family.type === 'histogram' && sample.name.endsWith('_bucket') && sample.labels.le === undefined) {
      throw new ExpositionError(n, `${sample.name}: a bucket without "le"`);
    }
    family.samples.push(sample);
  });
  return families;
}

function familyOf(family: MetricFamily, sampleName: string): boolean {
  return SUFFIXES[family.type].some((suffix) => sampleName === family.name + suffix);
}

function parseSample(line: string, n: number): Sample {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (!name) throw new ExpositionError(n, `not a sample: "${line}"`);
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    rest = rest.slice(1);
    while (!rest.startsWith('}')) {
      const pair = /^([^=]*)="((?:[^"\\\n]|\\.)*)"(,?)/.exec(rest);
      if (!pair) throw new ExpositionError(n, `${name}: malformed labels at "${rest}"`);
      const [whole, label, value, comma] = pair;
      if (!LABEL_NAME.test(label) || label.startsWith('__')) throw new ExpositionError(n, `${name}: invalid label name "${label}"`);
      if (label in labels) throw new ExpositionError(n, `${name}: label "${label}" twice`);
      labels[label] = unescape(value, n, true);
      rest = rest.slice(whole.length);
      if (!comma && !rest.startsWith('}')) throw new ExpositionError(n, `${name}: expected "," or "}" at "${rest}"`);
    }
    rest = rest.slice(1);
  }
  const fields = /^ (\S+)(?: (-?\d+))?$/.exec(rest);
  if (!fields) throw new ExpositionError(n, `${name}: expected " value [timestamp]" at "${rest}"`);
  return { name, labels, value: parseValue(fields[1], n) };
}

function parseValue(text: string, n: number): number {
  if (text === '+Inf' || text === 'Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  if (text === 'NaN') return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new ExpositionError(n, `not a number: "${text}"`);
  return Number(text);
}

/** Label values escape `\`, `"` and newline; HELP text escapes `\` and newline only. */
function unescape(text: string, n: number, quoted: boolean): string {
  return text.replace(/\\(.?)/g, (_, c: string) => {
    if (c === '\\') return '\\';
    if (c === 'n') return '\n';
    if (c === '"' && quoted) return '"';
    throw new ExpositionError(n, `invalid escape "\\${c}"`);
  });
}

/** The value of the one sample of `family` whose labels include `labels`; throws when there is not exactly one. */
export function valueOf(families: Map<string, MetricFamily>, sampleName: string, labels: Record<string, string> = {}): number {
  const all = [...families.values()].flatMap((f) => f.samples);
  const matches = all.filter((s) => s.name === sampleName && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  if (matches.length !== 1) throw new Error(`${matches.length} samples of ${sampleName} match ${JSON.stringify(labels)}`);
  return matches[0].value;
}
