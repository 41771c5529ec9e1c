import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { ExpositionError, parseExposition, valueOf } from './prometheus-text';

// The parser the /metrics tests read the exposition with: what it accepts and what it refuses.
describe('parseExposition', () => {
  it("reads what prom-client writes: every type, labels with escapes, a histogram's series", async () => {
    const registry = new Registry();
    const registers = [registry];
    new Counter({ name: 'x_requests_total', help: 'Requests.', labelNames: ['path'], registers }).inc({ path: 'a "quoted"\\ \npath' }, 3);
    new Gauge({ name: 'x_temperature_celsius', help: 'Back\\slash and\nnewline.', registers }).set(-1.5e-3);
    new Histogram({ name: 'x_duration_seconds', help: 'Durations.', buckets: [0.1, 1], registers }).observe(0.5);
    const families = parseExposition(await registry.metrics());
    expect(families.get('x_requests_total')).toMatchObject({
      type: 'counter',
      help: 'Requests.',
      samples: [{ name: 'x_requests_total', labels: { path: 'a "quoted"\\ \npath' }, value: 3 }],
    });
    expect(families.get('x_temperature_celsius')).toMatchObject({ type: 'gauge', help: 'Back\\slash and\nnewline.' });
    expect(valueOf(families, 'x_temperature_celsius')).toBe(-0.0015);
    expect(valueOf(families, 'x_duration_seconds_bucket', { le: '0.1' })).toBe(0);
    expect(valueOf(families, 'x_duration_seconds_bucket', { le: '+Inf' })).toBe(1);
    expect(valueOf(families, 'x_duration_seconds_count')).toBe(1);
    expect(valueOf(families, 'x_duration_seconds_sum')).toBe(0.5);
  });

  it('reads special values, timestamps and free comments', () => {
    const text = '# a comment\n# TYPE g gauge\ng{a="1"} NaN\ng{a="2"} +Inf 1700000000000\ng{a="3"} -Inf\n\n';
    const samples = parseExposition(text)
      .get('g')!
      .samples.map((s) => s.value);
    expect(samples).toEqual([NaN, Infinity, -Infinity]);
  });

  it.each([
    ['no final newline', '# TYPE g gauge\ng 1', /must end with a newline/],
    ['a sample without its family', 'g 1\n', /outside its family/],
    ['a sample of another family', '# TYPE g gauge\nh 1\n', /outside its family/],
    ['a misspelled histogram series', '# TYPE h histogram\nh_buckets{le="1"} 1\n', /outside its family/],
    ['a bucket without le', '# TYPE h histogram\nh_bucket 1\n', /without "le"/],
    ['an unknown type', '# TYPE g gauges\n', /unknown type/],
    ['a second TYPE', '# TYPE g gauge\n# TYPE g gauge\n', /a second TYPE/],
    ['TYPE after samples', '# HELP g x\ng 1\n# TYPE g gauge\n', /TYPE after its samples/],
    ['split families', '# TYPE g gauge\ng 1\n# TYPE h gauge\nh 1\n# HELP g again\n', /must be together/],
    ['a duplicate series', '# TYPE g gauge\ng{a="1",b="2"} 1\ng{b="2",a="1"} 2\n', /the same series twice/],
    ['a value that is not a number', '# TYPE g gauge\ng one\n', /not a number/],
    ['an unquoted label value', '# TYPE g gauge\ng{a=1} 1\n', /malformed labels/],
    ['a bad label name', '# TYPE g gauge\ng{1a="x"} 1\n', /invalid label name/],
    ['a reserved label name', '# TYPE g gauge\ng{__name__="x"} 1\n', /invalid label name/],
    ['a label twice', '# TYPE g gauge\ng{a="1",a="2"} 1\n', /label "a" twice/],
    ['a bad escape', '# TYPE g gauge\ng{a="\\t"} 1\n', /invalid escape/],
    ['labels without a separator', '# TYPE g gauge\ng{a="1"b="2"} 1\n', /expected "," or "}"/],
    ['two spaces before the value', '# TYPE g gauge\ng  1\n', /expected " value/],
  ])('refuses %s', (_, text, reason) => {
    expect(() => parseExposition(text)).toThrow(ExpositionError);
    expect(() => parseExposition(text)).toThrow(reason);
  });
});
