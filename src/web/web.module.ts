// The citizens' pages: the check, the lists of licensed firms, blocked entities and warnings, statistics, reports.
import type { FastifyViewOptions } from '@fastify/view';
import { Module } from '@nestjs/common';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { BlockedEntitiesModule } from '../blocked-entities/blocked-entities.module.js';
import { CheckModule } from '../check/check.module.js';
import { FirmsModule } from '../firms/firms.module.js';
import { ReportsModule } from '../reports/reports.module.js';
import { StatisticsModule } from '../statistics/statistics.module.js';
import { WarningsModule } from '../warnings/warnings.module.js';
import { WebAssetsController } from './web-assets.controller.js';
import { WebController } from './web.controller.js';
import { WebPagesService } from './web-pages.service.js';

/** @fastify/view's options for the pages: Eta templates beside this file, every `<%= %>` escaped, one layout. */
export function webViews(): FastifyViewOptions {
  return {
    engine: { eta: new Eta({ autoEscape: true }) },
    templates: fileURLToPath(new URL('./views', import.meta.url)),
    layout: 'layout',
    production: true,
  };
}

@Module({
  imports: [CheckModule, FirmsModule, BlockedEntitiesModule, ReportsModule, StatisticsModule, WarningsModule],
  controllers: [WebController, WebAssetsController],
  providers: [WebPagesService],
})
export class WebModule {}
