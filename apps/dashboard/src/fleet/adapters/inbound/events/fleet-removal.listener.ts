import { Inject, Injectable } from '@nestjs/common';
import type { Log } from '@sss/log';
import { filter, type Subscription } from 'rxjs';
import { LiveCatalog, ServerRemovalListener } from '../../../../catalog';
import { LOG } from '../../../../platform/logging/log.token';
import { AgentSessions } from '../../../application/agent-sessions';
import type { FleetRegistry } from '../../../application/fleet-state';
import { LatestReports } from '../../../application/latest-reports';
import { ServerRegistry } from '../../../domain/server-registry';

/** Catalog changes on the live side: a revoked secret closes its agent (1008), a removed server leaves the fleet. */
@Injectable()
export class FleetRemovalListener extends ServerRemovalListener {
  private revocations?: Subscription;

  constructor(
    catalog: LiveCatalog,
    @Inject(LOG) log: Log,
    private readonly sessions: AgentSessions,
    @Inject(ServerRegistry) private readonly registry: FleetRegistry,
    private readonly latest: LatestReports,
  ) {
    super(catalog, log);
  }

  override onModuleInit(): void {
    super.onModuleInit();
    this.revocations = this.catalog.changes.pipe(filter((c) => c.kind === 'revoked')).subscribe(({ id }) => this.sessions.revoke(id));
  }

  protected async removed(serverId: string): Promise<void> {
    this.registry.forget(serverId);
    await this.latest.forget(serverId);
  }

  override onModuleDestroy(): void {
    super.onModuleDestroy();
    this.revocations?.unsubscribe();
  }
}
