import type { TransitionCause } from '@sss/contracts';
import type { RemoteFleetEvent } from '../../../application/ports/event-bus.port';

// One Redis message carries the events a replica published in one turn of its event loop:
//   <origin>\n<event>\n<event>...
// and each event is one line of tab-separated fields, the report's JSON text last:
//   r\t<serverId>\t<at>\t<json>      o\t<serverId>\t<at>\t<cause>      c\t<serverId>
// Server ids, replica ids and compact JSON hold no tab or line break (ids by their pattern,
// JSON because it escapes both), so nothing needs escaping and a report is sent as the text it is.

const CAUSES: readonly TransitionCause[] = ['report', 'silence', 'connection-lost', 'dashboard-restart'];

export function reportLine(serverId: string, at: number, json: string): string {
  return `r\t${serverId}\t${at}\t${json}`;
}

export function offlineLine(serverId: string, at: number, cause: TransitionCause): string {
  return `o\t${serverId}\t${at}\t${cause}`;
}

export function catalogLine(serverId: string): string {
  return `c\t${serverId}`;
}

export function encodeBatch(origin: string, lines: readonly string[]): string {
  return `${origin}\n${lines.join('\n')}`;
}

/** The batch's origin, without reading its events (a replica skips its own batches first). */
export function batchOrigin(text: string): string {
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}

/** Each event of a batch to `each`; a line that is not an event is passed to `bad` and skipped. */
export function decodeBatch(text: string, each: (event: RemoteFleetEvent) => void, bad: (line: string) => void): void {
  let start = text.indexOf('\n');
  if (start < 0) return;
  const origin = text.slice(0, start);
  while (start < text.length) {
    let end = text.indexOf('\n', start + 1);
    if (end < 0) end = text.length;
    const line = text.slice(start + 1, end);
    const event = decodeLine(origin, line);
    if (event) each(event);
    else bad(line);
    start = end;
  }
}

function decodeLine(origin: string, line: string): RemoteFleetEvent | undefined {
  const idEnd = line.indexOf('\t', 2);
  if (line[1] !== '\t') return undefined;
  if (line[0] === 'c') return line.length > 2 && idEnd < 0 ? { kind: 'catalog', origin, serverId: line.slice(2) } : undefined;
  if (idEnd <= 2) return undefined;
  const atEnd = line.indexOf('\t', idEnd + 1);
  if (atEnd < 0) return undefined;
  const serverId = line.slice(2, idEnd);
  const at = Number(line.slice(idEnd + 1, atEnd));
  if (!Number.isSafeInteger(at) || at < 0) return undefined;
  const rest = line.slice(atEnd + 1);
  if (line[0] === 'r') return rest.length > 0 ? { kind: 'report', origin, serverId, at, json: rest } : undefined;
  if (line[0] === 'o') {
    const cause = CAUSES.find((c) => c === rest);
    return cause ? { kind: 'offline', origin, serverId, at, cause } : undefined;
  }
  return undefined;
}
