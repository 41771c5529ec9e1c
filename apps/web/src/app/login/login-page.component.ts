import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import { AUTH_PATHS } from '@sss/contracts/constants';
import { I18n } from '../i18n/i18n.service';
import { LOGIN_MESSAGES } from '../i18n/login-messages';
import { AppLinkDirective } from '../shared/app-link.directive';

/** Where a success goes: `?next=` when it is a path of this site (never another site's address), else the board. */
function nextPage(): string {
  const next = new URLSearchParams(location.search).get('next') ?? '';
  return /^\/(?![/\\])/.test(next) ? next : '/';
}

/**
 * `/login`, and `/setup#TOKEN` (the one-time link the dashboard prints while
 * it has no admin): the same form, posted to its own endpoint. A success
 * reloads the board (or the page that sent here, `?next=`), so its
 * connection starts again with the new session.
 */
@Component({
  selector: 'sss-login-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AppLinkDirective],
  templateUrl: './login-page.component.html',
  styleUrl: './login-page.component.css',
})
export class LoginPageComponent {
  readonly mode = input.required<'login' | 'setup'>();
  protected readonly t = inject(I18n).translator(LOGIN_MESSAGES);
  protected readonly error = signal('');
  protected readonly busy = signal(false);

  protected async submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    // Text inputs: their entries are strings.
    const body = { username: form.get('username') as string, password: form.get('password') as string };
    const setup = this.mode() === 'setup';
    this.busy.set(true);
    this.error.set('');
    try {
      const response = await fetch(setup ? AUTH_PATHS.setup : AUTH_PATHS.login, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(setup ? { ...body, token: location.hash.slice(1) } : body),
      });
      if (response.ok) {
        await response.text(); // read to the end: leaving the page mid-body would abort the request
        return location.assign(nextPage());
      }
      this.error.set(this.failure(response));
    } catch {
      this.error.set(this.t('login.failed', { status: 'network' }));
    } finally {
      this.busy.set(false);
    }
  }

  private failure(response: Response): string {
    if (response.status === 429) return this.t('login.throttled', { seconds: response.headers.get('retry-after') ?? '?' });
    if (response.status === 401) return this.t('login.wrong');
    if (response.status === 403 && this.mode() === 'setup') return this.t('login.setupInvalid');
    return this.t('login.failed', { status: response.status });
  }
}
