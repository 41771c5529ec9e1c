import type { RemoteFleetEvent } from '../../../application/ports/event-bus.port';
import { batchOrigin, decodeBatch, encodeBatch, offlineLine, catalogLine, reportLine } from './bus-batch';

function decode(text: string): { events: RemoteFleetEvent[]; bad: string[] } {
  const events: RemoteFleetEvent[] = [];
  const bad: string[] = [];
  decodeBatch(
    text,
    (e) => events.push(e),
    (l) => bad.push(l),
  );
  return { events, bad };
}

describe('the bus batch', () => {
  const json = '{"serverId":"web-1","serverName":"tab\\there, line\\nbreak","cpu":{"percent":5}}';

  it('carries reports as the text they are, offline events with their cause and catalog changes, in order, behind the origin', () => {
    const text = encodeBatch('pod-a-1f2e', [
      reportLine('web-1', 1_700_000_000_123, json),
      offlineLine('db.1', 1_700_000_000_456, 'dashboard-restart'),
      catalogLine('old_2'),
    ]);
    expect(batchOrigin(text)).toBe('pod-a-1f2e');
    expect(decode(text)).toEqual({
      events: [
        { kind: 'report', origin: 'pod-a-1f2e', serverId: 'web-1', at: 1_700_000_000_123, json },
        { kind: 'offline', origin: 'pod-a-1f2e', serverId: 'db.1', at: 1_700_000_000_456, cause: 'dashboard-restart' },
        { kind: 'catalog', origin: 'pod-a-1f2e', serverId: 'old_2' },
      ],
      bad: [],
    });
  });

  it('skips what is not an event and keeps the rest', () => {
    const lines = [
      'x\tweb-1\t1\t{}',
      'r\tweb-1\tsoon\t{}',
      'r\tweb-1\t-5\t{}',
      'r\tweb-1\t5\t',
      'o\tweb-1\t5\tnapping',
      'o\tweb-1\t5',
      'c\t',
      'c\tweb-1\textra',
      'r',
      '',
      reportLine('web-2', 7, '{"serverId":"web-2"}'),
    ];
    const { events, bad } = decode(encodeBatch('b', lines));
    expect(events).toEqual([{ kind: 'report', origin: 'b', serverId: 'web-2', at: 7, json: '{"serverId":"web-2"}' }]);
    expect(bad).toEqual(lines.slice(0, -1));
  });

  it('reads a message with no events as none', () => {
    expect(decode('just-an-origin')).toEqual({ events: [], bad: [] });
  });
});
