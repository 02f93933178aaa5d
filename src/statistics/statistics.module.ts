// Counts of the registry's records for citizens and journalists: the API and the statistics page.
import { Module } from '@nestjs/common';
import { StatisticsController } from './statistics.controller.js';
import { StatisticsRepository } from './statistics.repository.js';
import { StatisticsService } from './statistics.service.js';

@Module({ controllers: [StatisticsController], providers: [StatisticsService, StatisticsRepository], exports: [StatisticsService] })
export class StatisticsModule {}
