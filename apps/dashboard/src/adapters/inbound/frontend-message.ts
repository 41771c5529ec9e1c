import type { ServerState } from '../../domain/server-registry';

/** The frontend message: the report exactly as accepted, plus the two fields PROTOCOL.md lets the dashboard add. */
export function encodeFrontendMessage(state: ServerState): Buffer {
  const suffix = `,"online":${state.online},"lastSeen":${state.lastSeen}}`;
  const reportBytes = state.reportLength - 1; // up to, not including, its closing brace
  const frame = Buffer.allocUnsafe(reportBytes + suffix.length);
  state.copyReport(frame, 0, reportBytes);
  frame.write(suffix, reportBytes, 'latin1');
  return frame;
}
