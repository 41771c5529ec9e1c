import type { CachedReport, ReportCache } from '../../../application/ports/report-cache.port';

/** Reports fit this from the start; a bigger one grows the server's buffer (the frame limit bounds it). */
const INITIAL_CAPACITY = 4 * 1024;
/** A compact JSON object with at least one key starts `{"` and ends `}`. */
const OPEN = '{"';
const CLOSE_BRACE = 0x7d;

/** One server's latest report as UTF-8 bytes outside the JavaScript heap, overwritten by its next report. */
class ReportBytes implements CachedReport {
  byteLength = 0;
  bytes = Buffer.allocUnsafeSlow(INITIAL_CAPACITY);
}

/**
 * The report cache of the live path. Each server's report lives in bytes that
 * its next report overwrites, instead of a new string per report: at
 * thousands of reports a second, short-lived report strings promoted to the
 * old generation set the pace of the major collections that freeze the event
 * loop (README, Benchmarks). A frontend message is the kept bytes up to the
 * report's closing brace plus `,"online":…,"lastSeen":…}`: nothing is parsed
 * or serialised again, which is why `keep` insists on the text of an object.
 */
export class ByteReportCache implements ReportCache {
  keep(json: string, previous: CachedReport | undefined): CachedReport {
    if (!json.startsWith(OPEN) || json.charCodeAt(json.length - 1) !== CLOSE_BRACE) {
      throw new Error('a cached report must be the compact JSON text of a non-empty object');
    }
    const report = (previous as ReportBytes | undefined) ?? new ReportBytes();
    const length = Buffer.byteLength(json);
    if (length > report.bytes.length) report.bytes = Buffer.allocUnsafeSlow(2 * length);
    report.bytes.write(json, 0, length);
    report.byteLength = length;
    return report;
  }

  json(cached: CachedReport): string {
    const report = cached as ReportBytes;
    return report.bytes.toString('utf8', 0, report.byteLength);
  }

  frontendMessage(cached: CachedReport, online: boolean, lastSeen: number): Buffer {
    const report = cached as ReportBytes;
    const suffix = `,"online":${online},"lastSeen":${lastSeen}}`;
    const head = report.byteLength - 1; // everything before the closing brace `keep` checked for
    const frame = Buffer.allocUnsafe(head + suffix.length);
    report.bytes.copy(frame, 0, 0, head);
    frame.write(suffix, head, 'latin1');
    return frame;
  }
}
