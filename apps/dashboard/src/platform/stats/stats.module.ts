import { Module } from '@nestjs/common';
import { FleetModule } from '../../fleet';
import { StatsController } from './stats.controller';

/** `/api/stats`: reads the fleet's counters and history's status, so it sits above both. */
@Module({ imports: [FleetModule], controllers: [StatsController] })
export class StatsModule {}
