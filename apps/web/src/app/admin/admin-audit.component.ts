import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ADMIN_PATHS, type AuditEntry, type AuditPage } from '@sss/contracts/constants';
import { I18n } from '../i18n/i18n.service';
import { ADMIN_MESSAGES } from '../i18n/admin-messages';
import { adminRequest } from './admin-api';
import { AdminList } from './admin-list';

const PAGE = 50;

/** The audit log, newest first; "Older entries" appends the next page. */
@Component({
  selector: 'sss-admin-audit',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-audit.component.html',
  styleUrl: './admin-section.css',
})
export class AdminAuditComponent {
  protected readonly t = inject(I18n).translator(ADMIN_MESSAGES);
  private readonly nextBefore = signal<number | null>(null);
  protected readonly more = this.nextBefore.asReadonly();
  private loaded: AuditEntry[] = [];
  protected readonly entries = new AdminList<AuditEntry>(() => this.page(undefined));

  protected older(): void {
    const before = this.nextBefore();
    if (before !== null) void this.entries.change(async () => void (this.loaded = [...this.loaded, ...(await this.fetch(before))]));
  }

  protected when(at: number): string {
    return new Date(at).toLocaleString();
  }

  /** The first page on a fresh load; after "Older entries", what was loaded so far. */
  private async page(before: number | undefined): Promise<AuditEntry[]> {
    if (this.loaded.length === 0) this.loaded = await this.fetch(before);
    return this.loaded;
  }

  private async fetch(before: number | undefined): Promise<AuditEntry[]> {
    const page = await adminRequest<AuditPage>(
      'GET',
      `${ADMIN_PATHS.audit}?limit=${PAGE}${before === undefined ? '' : `&before=${before}`}`,
    );
    this.nextBefore.set(page.nextBefore);
    return page.entries;
  }
}
