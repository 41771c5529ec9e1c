import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ADMIN_ENROLLMENT_KEYS_PATH, type AdminEnrollmentKey, type AdminEnrollmentKeySecret } from '@sss/contracts/constants';
import { I18n } from '../../i18n/i18n.service';
import { ENROLLMENT_MESSAGES } from '../../i18n/enrollment-messages';
import { adminRequest } from '../admin-api';
import { AdminList } from '../admin-list';

/**
 * Enrollment keys: make one (its secret and the agent commands shown once,
 * here), list them without secrets (the config file's read-only), revoke, delete.
 */
@Component({
  selector: 'sss-admin-enrollment',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-enrollment.component.html',
  styleUrls: ['../admin-section.css', './admin-enrollment.component.css'],
})
export class AdminEnrollmentComponent {
  protected readonly t = inject(I18n).translator(ENROLLMENT_MESSAGES);
  protected readonly keys = new AdminList<AdminEnrollmentKey>(() => adminRequest<AdminEnrollmentKey[]>('GET', ADMIN_ENROLLMENT_KEYS_PATH));
  /** The key just made, secret included: kept only until the page is left. */
  protected readonly created = signal<AdminEnrollmentKeySecret | undefined>(undefined);
  protected readonly shown = [
    { label: 'enrollment.systemd', text: (c: AdminEnrollmentKeySecret) => c.enroll.systemd },
    { label: 'enrollment.container', text: (c: AdminEnrollmentKeySecret) => c.enroll.container },
    { label: 'enrollment.env', text: (c: AdminEnrollmentKeySecret) => c.enroll.env },
  ] as const;

  protected create(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    // A date input's day ends at 24:00 UTC: the key works through the day chosen.
    const expires = data.get('expires') as string;
    const group = (data.get('group') as string).trim();
    const body = {
      name: data.get('name'),
      idPattern: data.get('idPattern'),
      ...(group && { group }),
      expiresAt: expires ? Date.parse(expires) + 86_400_000 : null,
    };
    this.created.set(undefined);
    void this.keys.change(async () => {
      this.created.set(await adminRequest<AdminEnrollmentKeySecret>('POST', ADMIN_ENROLLMENT_KEYS_PATH, body));
      form.reset();
    });
  }

  protected revoke(key: AdminEnrollmentKey): void {
    if (!confirm(this.t('enrollment.confirmRevoke', { name: key.name }))) return;
    void this.keys.change(() => adminRequest('POST', `${ADMIN_ENROLLMENT_KEYS_PATH}/${encodeURIComponent(key.id)}/revoke`));
  }

  protected remove(key: AdminEnrollmentKey): void {
    if (!confirm(this.t('enrollment.confirmDelete', { name: key.name }))) return;
    void this.keys.change(() => adminRequest('DELETE', `${ADMIN_ENROLLMENT_KEYS_PATH}/${encodeURIComponent(key.id)}`));
  }

  protected status(key: AdminEnrollmentKey): string {
    if (key.revoked) return this.t('enrollment.revoked');
    if (key.expiresAt !== undefined && key.expiresAt <= Date.now()) return this.t('enrollment.expired');
    return this.t('enrollment.active');
  }

  protected date(at: number | undefined): string {
    return at === undefined ? this.t('enrollment.never') : new Date(at).toLocaleString();
  }
}
