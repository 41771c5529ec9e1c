import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, ElementRef, inject, signal } from '@angular/core';
import type { AdminServer, AdminServerSecret, HistoryOnDelete } from '@sss/contracts/constants';
import { Navigation } from '../../core/navigation.service';
import { ADMIN_SERVERS_MESSAGES } from '../../i18n/admin-servers-messages';
import { I18n } from '../../i18n/i18n.service';
import { AdminServersClient } from './admin-servers-client';
import { ApiProblemComponent, type Problem } from './api-problem.component';
import { ApiRequestError } from './api-request-error';
import { createRequest, editRequest, type ServerFormValues } from './server-form-values';
import { ServerFormComponent } from './server-form.component';
import { groupsInOrder, moved } from './server-order';
import { ServerSecretComponent } from './server-secret.component';

/** The one dialog open at a time. */
type Panel =
  | { kind: 'add' }
  | { kind: 'edit'; server: AdminServer }
  | { kind: 'rotate'; server: AdminServer }
  | { kind: 'delete'; server: AdminServer }
  | { kind: 'secret'; answer: AdminServerSecret; rotated: boolean };

/** The API's order call spaces weights by 10 (0, 10, 20...); a new server takes the next. */
const WEIGHT_STEP = 10;

/** This page's address, where the login page comes back to. */
const ADMIN_SERVERS_PAGE = '/admin/servers';

/**
 * `/admin/servers`, a tab of the admin area (README "Server management"): the servers of the config
 * file (read-only here) and the stored ones, which an admin adds, edits,
 * gives a new secret, deletes and orders, and the order of the board's
 * groups; every change applies at once.
 * Signed out, it opens the login page (which comes back here); a viewer is
 * told the page needs an admin, and gets no data: the API refuses both.
 */
@Component({
  selector: 'sss-servers-admin',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ApiProblemComponent, ServerFormComponent, ServerSecretComponent],
  templateUrl: './servers-admin.component.html',
  styleUrl: './servers-admin.component.css',
})
export class ServersAdminComponent {
  private readonly client = inject(AdminServersClient);
  private readonly navigation = inject(Navigation);
  protected readonly t = inject(I18n).translator(ADMIN_SERVERS_MESSAGES);

  /** undefined until the first answer. */
  protected readonly servers = signal<AdminServer[] | undefined>(undefined);
  protected readonly forbidden = signal(false);
  /** A failed load or reorder, shown above the list. */
  protected readonly pageProblem = signal<Problem | undefined>(undefined);
  /** What the last change did, e.g. "web-9 deleted." */
  protected readonly notice = signal('');
  protected readonly panel = signal<Panel | undefined>(undefined);
  /** A failed change, shown in its dialog. */
  protected readonly panelProblem = signal<Problem | undefined>(undefined);
  protected readonly busy = signal(false);
  /** The delete dialog's choice: none until the admin picks one. */
  protected readonly history = signal<HistoryOnDelete | undefined>(undefined);
  /** Stored servers in board order: the ones the arrows move. */
  protected readonly storedIds = computed(() => (this.servers() ?? []).filter((s) => s.source === 'stored').map((s) => s.serverId));

  /** The board's order of groups as stored; undefined until the first answer. */
  private readonly groupOrder = signal<string[] | undefined>(undefined);
  /** Every group in board order: the stored order, then the other groups of the list by name; none without the list. */
  protected readonly groups = computed(() => {
    const order = this.groupOrder();
    const servers = this.servers();
    return order && servers && groupsInOrder(order, servers);
  });

  /** The weight of the last stored server: a new one goes after it (equal weights sort by id). */
  private readonly lastWeight = computed(() =>
    Math.max(-WEIGHT_STEP, ...(this.servers() ?? []).filter((s) => s.source === 'stored').map((s) => s.weight)),
  );
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly loading = new AbortController();

  constructor() {
    inject(DestroyRef).onDestroy(() => this.loading.abort());
    // Not viewChild or linkedSignal: what a lazy chunk uses of @angular/core lands in the board's initial chunk.
    effect(() => {
      const dialog = this.host.nativeElement.querySelector('dialog')!;
      if (this.panel() && !dialog.open) dialog.showModal();
      if (!this.panel() && dialog.open) dialog.close();
    });
    const failed = (error: unknown) => {
      if (!this.loading.signal.aborted) this.fail(error, this.pageProblem);
    };
    this.client.list(this.loading.signal).then((servers) => this.servers.set(servers), failed);
    this.client.groupOrder(this.loading.signal).then(({ groups }) => this.groupOrder.set(groups), failed);
  }

  protected open(panel: Panel): void {
    this.panelProblem.set(undefined);
    this.history.set(undefined);
    this.notice.set('');
    this.panel.set(panel);
  }

  protected close(): void {
    this.panel.set(undefined);
  }

  protected add(values: ServerFormValues): Promise<void> {
    return this.change(async () => {
      const answer = await this.client.add({ ...createRequest(values), weight: this.lastWeight() + WEIGHT_STEP });
      this.servers.set(await this.client.list());
      this.open({ kind: 'secret', answer, rotated: false });
    });
  }

  protected edit(serverId: string, values: ServerFormValues): Promise<void> {
    return this.change(async () => {
      const saved = await this.client.edit(serverId, editRequest(values));
      this.servers.update((list) => list?.map((s) => (s.serverId === serverId ? saved : s)));
      this.close();
      this.notice.set(this.t('servers.saved', { id: serverId }));
    });
  }

  protected rotate(serverId: string): Promise<void> {
    return this.change(async () => this.open({ kind: 'secret', answer: await this.client.rotateSecret(serverId), rotated: true }));
  }

  protected remove(serverId: string, history: HistoryOnDelete): Promise<void> {
    return this.change(async () => {
      await this.client.remove(serverId, history);
      this.servers.update((list) => list?.filter((s) => s.serverId !== serverId));
      this.close();
      this.notice.set(this.t('servers.deleted', { id: serverId }));
    });
  }

  /** Moves a stored server `by` places on the board (-1: up) and saves the whole order. */
  protected move(serverId: string, by: number): Promise<void> {
    const ids = this.storedIds();
    return this.reorder(moved(ids, ids.indexOf(serverId), by), async (order) => this.servers.set(await this.client.order(order)));
  }

  /** Moves a group `by` places on the board (-1: up) and saves the whole order, every listed group in it. */
  protected moveGroup(group: string, by: number): Promise<void> {
    const groups = this.groups() ?? [];
    return this.reorder(moved(groups, groups.indexOf(group), by), async (order) =>
      this.groupOrder.set((await this.client.setGroupOrder(order)).groups),
    );
  }

  protected historyChoice(event: Event): void {
    this.history.set((event.target as HTMLInputElement).value as HistoryOnDelete);
  }

  /** Saves a new `order` (none: the move left the list) with `save`, one at a time; a failure shows above the list. */
  private async reorder(order: string[] | undefined, save: (order: string[]) => Promise<void>): Promise<void> {
    if (!order || this.busy()) return;
    this.busy.set(true);
    this.pageProblem.set(undefined);
    try {
      await save(order);
    } catch (error) {
      this.fail(error, this.pageProblem);
    } finally {
      this.busy.set(false);
    }
  }

  /** Runs one change from a dialog; a failure stays in the dialog, with what the admin typed. */
  private async change(run: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.panelProblem.set(undefined);
    try {
      await run();
    } catch (error) {
      this.fail(error, this.panelProblem);
    } finally {
      this.busy.set(false);
    }
  }

  /** Signed out (or the session ended): the login page, which comes back here. Not an admin: says so. */
  private fail(error: unknown, shown: { set(problem: Problem): void }): void {
    if (error instanceof ApiRequestError && error.status === 401) {
      return this.navigation.navigate(`/login?next=${encodeURIComponent(ADMIN_SERVERS_PAGE)}`, true);
    }
    if (error instanceof ApiRequestError && error.status === 403) {
      this.close();
      this.servers.set(undefined);
      return this.forbidden.set(true);
    }
    if (error instanceof ApiRequestError) {
      const message = error.status === 0 ? this.t('servers.unreachable') : this.t('servers.failed', { message: error.message });
      return shown.set({ message, details: error.details });
    }
    shown.set({ message: this.t('servers.failed', { message: String(error) }), details: [] });
  }
}
