import { ChangeDetectionStrategy, Component, inject, input, signal } from '@angular/core';
import type { AdminServerSecret } from '@sss/contracts/constants';
import { ADMIN_SERVERS_MESSAGES } from '../../i18n/admin-servers-messages';
import { I18n } from '../../i18n/i18n.service';

type Copyable = 'secret' | 'systemd' | 'container';

/**
 * A new secret and the commands that start an agent with it, shown this once
 * (the dashboard keeps only its hash), each with a copy button.
 */
@Component({
  selector: 'sss-server-secret',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './server-secret.component.html',
  styleUrl: './server-secret.component.css',
})
export class ServerSecretComponent {
  readonly answer = input.required<AdminServerSecret>();
  /** A rotated secret: the old one's agent was disconnected. */
  readonly rotated = input(false);

  protected readonly t = inject(I18n).translator(ADMIN_SERVERS_MESSAGES);
  protected readonly copyables = [
    { what: 'secret', label: 'servers.secret' },
    { what: 'systemd', label: 'servers.systemd' },
    { what: 'container', label: 'servers.container' },
  ] as const;
  /** Which text the last copy was of, and whether the browser allowed it. */
  protected readonly copied = signal<{ what: Copyable; ok: boolean } | undefined>(undefined);

  protected text(what: Copyable): string {
    const answer = this.answer();
    return what === 'secret' ? answer.secret : answer.install[what];
  }

  protected async copy(what: Copyable): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.text(what));
      this.copied.set({ what, ok: true });
    } catch {
      this.copied.set({ what, ok: false }); // no clipboard (plain HTTP to another host) or refused
    }
  }
}
