// The report API: citizens post reports, operators read them.
import { Module } from '@nestjs/common';
import { ReportsAdminController } from './reports.admin.controller.js';
import { ReportsController } from './reports.controller.js';
import { ReportsModule } from './reports.module.js';

@Module({ imports: [ReportsModule], controllers: [ReportsController, ReportsAdminController] })
export class ReportsHttpModule {}
