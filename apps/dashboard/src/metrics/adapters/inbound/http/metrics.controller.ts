import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PrometheusController } from '@willsoto/nestjs-prometheus';
import type { Response } from 'express';
import { ScrapeTokenGuard } from './scrape-token.guard';

export const METRICS_PATH = '/metrics';

/** `GET /metrics`: the Prometheus exposition, behind the scrape guard. Not part of the REST API's document. */
@ApiExcludeController()
@Controller(METRICS_PATH.slice(1))
@UseGuards(ScrapeTokenGuard)
export class MetricsController extends PrometheusController {
  @Get()
  override index(@Res({ passthrough: true }) response: Response): Promise<string> {
    return super.index(response);
  }
}
