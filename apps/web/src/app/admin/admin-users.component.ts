import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { type AccountRole, ADMIN_PATHS, type UserSummary } from '@sss/contracts/constants';
import { I18n } from '../i18n/i18n.service';
import { ADMIN_MESSAGES } from '../i18n/admin-messages';
import { adminRequest } from './admin-api';
import { AdminList } from './admin-list';

const userPath = (username: string) => ADMIN_PATHS.user.replace(':username', encodeURIComponent(username));

/** Users: add one with a role and an initial password, change a role, set a password, remove. */
@Component({
  selector: 'sss-admin-users',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-users.component.html',
  styleUrl: './admin-section.css',
})
export class AdminUsersComponent {
  protected readonly t = inject(I18n).translator(ADMIN_MESSAGES);
  protected readonly users = new AdminList<UserSummary>(() => adminRequest<UserSummary[]>('GET', ADMIN_PATHS.users));
  /** The user whose new password is being typed. */
  protected readonly settingPassword = signal<string | undefined>(undefined);
  protected readonly roles: AccountRole[] = ['viewer', 'admin'];
  protected readonly roleName = (role: AccountRole) => this.t(`role.${role}`);

  protected add(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const body = { username: data.get('username'), role: data.get('role'), password: data.get('password') };
    void this.users.change(async () => {
      await adminRequest('POST', ADMIN_PATHS.users, body);
      form.reset();
    });
  }

  protected setRole(user: UserSummary, role: string): void {
    void this.users.change(() => adminRequest('PATCH', userPath(user.username), { role }));
  }

  protected setPassword(event: SubmitEvent, user: UserSummary): void {
    event.preventDefault();
    const password = new FormData(event.target as HTMLFormElement).get('password');
    void this.users.change(async () => {
      await adminRequest('PATCH', userPath(user.username), { password });
      this.settingPassword.set(undefined);
    });
  }

  protected remove(user: UserSummary): void {
    if (!confirm(this.t('users.confirmRemove', { username: user.username }))) return;
    void this.users.change(() => adminRequest('DELETE', userPath(user.username)));
  }
}
