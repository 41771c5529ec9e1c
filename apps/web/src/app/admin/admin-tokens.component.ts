import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { ADMIN_PATHS, API_TOKEN_SCOPES, type ApiTokenCreated, type ApiTokenScope, type ApiTokenSummary } from '@sss/contracts/constants';
import { I18n } from '../i18n/i18n.service';
import { ADMIN_MESSAGES } from '../i18n/admin-messages';
import { adminRequest } from './admin-api';
import { AdminList } from './admin-list';

/** API tokens: make one (its secret shown once, here), list them without secrets, revoke. */
@Component({
  selector: 'sss-admin-tokens',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-tokens.component.html',
  styleUrl: './admin-section.css',
})
export class AdminTokensComponent {
  protected readonly t = inject(I18n).translator(ADMIN_MESSAGES);
  protected readonly tokens = new AdminList<ApiTokenSummary>(() => adminRequest<ApiTokenSummary[]>('GET', ADMIN_PATHS.tokens));
  /** The token just made, secret included: kept only until the page is left. */
  protected readonly created = signal<ApiTokenCreated | undefined>(undefined);
  protected readonly scopes = API_TOKEN_SCOPES;
  protected readonly scopeName = (scope: ApiTokenScope) => this.t(`scope.${scope}`);

  protected create(event: SubmitEvent): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    // A date input's day ends at 24:00 UTC: the token works through the day chosen.
    const expires = data.get('expires') as string;
    const body = { name: data.get('name'), scope: data.get('scope'), expiresAt: expires ? Date.parse(expires) + 86_400_000 : null };
    this.created.set(undefined);
    void this.tokens.change(async () => {
      this.created.set(await adminRequest<ApiTokenCreated>('POST', ADMIN_PATHS.tokens, body));
      form.reset();
    });
  }

  protected revoke(token: ApiTokenSummary): void {
    if (!confirm(this.t('tokens.confirmRevoke', { name: token.name }))) return;
    void this.tokens.change(() => adminRequest('DELETE', ADMIN_PATHS.token.replace(':id', encodeURIComponent(token.id))));
  }

  protected date(at: number | null, none: string): string {
    return at === null ? none : new Date(at).toLocaleString();
  }
}
