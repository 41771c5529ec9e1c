import type { ServerState } from '../../domain/server-registry';

/** The frontend message: the report exactly as accepted, plus the two fields PROTOCOL.md lets the dashboard add. */
export function encodeFrontendMessage(state: ServerState): Buffer {
  // Written straight into the frame: joining the strings first would copy the whole report once more.
  const suffix = `,"online":${state.online},"lastSeen":${state.lastSeen}}`;
  const reportBytes = Buffer.byteLength(state.report) - 1; // up to, not including, its closing brace
  const frame = Buffer.allocUnsafe(reportBytes + suffix.length);
  frame.write(state.report, 0, reportBytes);
  frame.write(suffix, reportBytes, 'latin1');
  return frame;
}
