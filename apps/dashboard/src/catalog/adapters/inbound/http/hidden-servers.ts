import { Inject, Injectable } from '@nestjs/common';
import { SERVER_CATALOG, type ServerCatalog } from '../../../application/ports/server-catalog.port';

/** Leaves servers an admin marked hidden out of what a client that is not signed in gets. */
@Injectable()
export class HiddenServers {
  constructor(@Inject(SERVER_CATALOG) private readonly catalog: ServerCatalog) {}

  isHidden(serverId: string): boolean {
    return this.catalog.get(serverId)?.hidden === true;
  }

  /** `items` without the hidden servers' unless `seesHidden`. */
  filter<T>(items: readonly T[], idOf: (item: T) => string, seesHidden: boolean): T[] {
    return seesHidden ? [...items] : items.filter((item) => !this.isHidden(idOf(item)));
  }

  /** `groups` without the names that only hidden servers have, unless `seesHidden`: such a name may say what they are. */
  filterGroups(groups: readonly string[], seesHidden: boolean): string[] {
    if (seesHidden) return [...groups];
    const shown = new Set<string>();
    const hidden = new Set<string>();
    for (const { group, hidden: isHidden } of this.catalog.list()) if (group) (isHidden ? hidden : shown).add(group);
    return groups.filter((group) => shown.has(group) || !hidden.has(group));
  }

  /** A record keyed by server id, without the hidden servers' keys unless `seesHidden`. */
  filterRecord<T>(record: Record<string, T>, seesHidden: boolean): Record<string, T> {
    return seesHidden ? record : Object.fromEntries(Object.entries(record).filter(([id]) => !this.isHidden(id)));
  }
}
