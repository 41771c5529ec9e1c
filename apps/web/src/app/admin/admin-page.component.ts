import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { type AccountResponse, AUTH_PATHS } from '@sss/contracts/constants';
import { Navigation } from '../core/navigation.service';
import { I18n } from '../i18n/i18n.service';
import { ADMIN_MESSAGES } from '../i18n/admin-messages';
import { AppLinkDirective } from '../shared/app-link.directive';
import { adminRequest, ApiFailure } from './admin-api';
import { AdminAuditComponent } from './admin-audit.component';
import { AdminConnectionsComponent } from './admin-connections.component';
import { AdminEnrollmentComponent } from './enrollment/admin-enrollment.component';
import { ADMIN_SECTIONS, sectionOf } from './admin-sections';
import { AdminTokensComponent } from './admin-tokens.component';
import { AdminUsersComponent } from './admin-users.component';
import { ServersAdminComponent } from './servers/servers-admin.component';

/**
 * `/admin/<section>`: the admin area's shell, its tabs and the section shown.
 * Admins only: without a login it opens the login page (which comes back
 * here), and a viewer sees a notice and nothing of the sections.
 */
@Component({
  selector: 'sss-admin-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    AppLinkDirective,
    AdminUsersComponent,
    AdminTokensComponent,
    AdminAuditComponent,
    AdminEnrollmentComponent,
    ServersAdminComponent,
    AdminConnectionsComponent,
  ],
  templateUrl: './admin-page.component.html',
  styleUrl: './admin-page.component.css',
})
export class AdminPageComponent {
  readonly section = input<string | undefined>();
  protected readonly current = computed(() => sectionOf(this.section()));
  protected readonly sections = ADMIN_SECTIONS;
  protected readonly t = inject(I18n).translator(ADMIN_MESSAGES);
  /** undefined while asking who this is. */
  protected readonly account = signal<AccountResponse | undefined>(undefined);
  protected readonly failure = signal('');
  private readonly navigation = inject(Navigation);

  constructor() {
    adminRequest<AccountResponse>('GET', AUTH_PATHS.me).then(
      (account) => this.account.set(account),
      (err: unknown) => {
        if (err instanceof ApiFailure && err.status === 401) {
          this.navigation.navigate(`/login?next=${encodeURIComponent(location.pathname)}`, true);
        } else {
          this.failure.set(this.t('admin.loadFailed', { message: (err as Error).message }));
        }
      },
    );
  }
}
