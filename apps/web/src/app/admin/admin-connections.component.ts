import { ChangeDetectionStrategy, Component, computed, DestroyRef, inject, signal } from '@angular/core';
import { ADMIN_CONNECTIONS_PATH, type ConnectionsResponse } from '@sss/contracts/constants';
import { ADMIN_MESSAGES } from '../i18n/admin-messages';
import { I18n } from '../i18n/i18n.service';
import { adminRequest } from './admin-api';

/** How often the tab asks again while it is shown. */
export const CONNECTIONS_REFRESH_MS = 3_000;

/**
 * `/admin/connections`: the agents connected now (address, since when,
 * reports accepted, version, the last frame refused and why) and how many
 * browsers watch the board. Asks again a few seconds after each answer while
 * shown; leaving the tab destroys the component, which stops asking.
 */
@Component({
  selector: 'sss-admin-connections',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './admin-connections.component.html',
  styleUrl: './admin-section.css',
})
export class AdminConnectionsComponent {
  protected readonly t = inject(I18n).translator(ADMIN_MESSAGES);
  /** undefined until the first answer. */
  private readonly answer = signal<ConnectionsResponse | undefined>(undefined);
  protected readonly frontends = computed(() => this.answer()?.frontends);
  protected readonly agents = computed(() =>
    [...(this.answer()?.agents ?? [])].sort((a, b) => (a.serverId < b.serverId ? -1 : a.serverId > b.serverId ? 1 : 0)),
  );
  protected readonly error = signal('');

  constructor() {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = async (): Promise<void> => {
      try {
        const answer = await adminRequest<ConnectionsResponse>('GET', ADMIN_CONNECTIONS_PATH);
        if (stopped) return;
        this.answer.set(answer);
        this.error.set('');
      } catch (err) {
        if (stopped) return;
        // The last answer stays on screen, marked as stale by the message.
        this.error.set(this.t('admin.loadFailed', { message: (err as Error).message }));
      }
      // After the answer, not on a fixed beat: a slow dashboard is never asked twice at once.
      timer = setTimeout(() => void load(), CONNECTIONS_REFRESH_MS);
    };
    void load();
    inject(DestroyRef).onDestroy(() => {
      stopped = true;
      clearTimeout(timer);
    });
  }

  protected when(at: number): string {
    return new Date(at).toLocaleString();
  }
}
