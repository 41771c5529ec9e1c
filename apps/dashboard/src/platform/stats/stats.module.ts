import { DynamicModule, Module } from '@nestjs/common';
import { FleetModule } from '../../fleet';
import { StatsController } from './stats.controller';

/** `/api/stats`: reads the fleet's counters and history's status, so it sits above both. */
@Module({})
export class StatsModule {
  /** `history`: the HistoryModule as AppModule registered it (the one that exports HISTORY_STATUS). */
  static register(history: DynamicModule): DynamicModule {
    return { module: StatsModule, imports: [FleetModule, history], controllers: [StatsController] };
  }
}
