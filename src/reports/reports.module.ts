// Citizens' reports of suspicious sites and names: stored without personal data, counted per canonical target.
import { Module } from '@nestjs/common';
import { ReportsRepository } from './reports.repository.js';
import { ReportsService } from './reports.service.js';

@Module({ providers: [ReportsService, ReportsRepository], exports: [ReportsService] })
export class ReportsModule {}
