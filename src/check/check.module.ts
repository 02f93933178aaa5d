// The citizen's question "is this site safe?": a link or a name, answered licensed, suspended, blocked, warned, lookalike or unknown.
import { Module } from '@nestjs/common';
import { BlockedEntitiesModule } from '../blocked-entities/blocked-entities.module.js';
import { BlocklistModule } from '../blocklist/blocklist.module.js';
import { FirmsModule } from '../firms/firms.module.js';
import { WarningsModule } from '../warnings/warnings.module.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { CheckAnswerCache } from './check-answer-cache.js';
import { CheckIndexService } from './check-index.service.js';
import { CheckController } from './check.controller.js';
import { CheckMetrics } from './check.metrics.js';
import { CheckService } from './check.service.js';
import { KeptAnswers } from './kept-answers.js';

@Module({
  imports: [FirmsModule, BlockedEntitiesModule, BlocklistModule, WarningsModule],
  controllers: [CheckController],
  providers: [
    CheckService,
    CheckIndexService,
    CheckMetrics,
    KeptAnswers,
    {
      provide: CheckAnswerCache,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new CheckAnswerCache(config.CHECK_ANSWER_CACHE_MB * 1024 * 1024),
    },
  ],
  exports: [CheckService],
})
export class CheckModule {}
