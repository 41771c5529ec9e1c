import type { ReportTexts } from './ports/history-store.port';

/**
 * Reports waiting to be written, oldest first, held as the text the fleet
 * already keeps for each report: the live path only appends three references,
 * and the readings are taken where the store runs (the storage worker).
 */
export class PendingReports {
  private serverIds: string[] = [];
  private texts: string[] = [];
  private at: number[] = [];

  get length(): number {
    return this.at.length;
  }

  add(serverId: string, text: string, at: number): void {
    this.serverIds.push(serverId);
    this.texts.push(text);
    this.at.push(at);
  }

  /** Puts `earlier` (a write that failed) back in front of what arrived since. */
  putBack(earlier: ReportTexts): void {
    this.serverIds = earlier.serverIds.concat(this.serverIds);
    this.texts = earlier.texts.concat(this.texts);
    this.at = earlier.at.concat(this.at);
  }

  /** Forgets the `count` oldest. */
  dropOldest(count: number): void {
    this.serverIds = this.serverIds.slice(count);
    this.texts = this.texts.slice(count);
    this.at = this.at.slice(count);
  }

  /** Everything held, for a write; the holder is left empty. */
  take(): ReportTexts {
    const taken = { serverIds: this.serverIds, texts: this.texts, at: this.at };
    this.serverIds = [];
    this.texts = [];
    this.at = [];
    return taken;
  }
}
