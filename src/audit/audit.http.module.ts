// Operators read the audit trail over HTTP.
import { Module } from '@nestjs/common';
import { AuditController } from './audit.controller.js';
import { AuditModule } from './audit.module.js';

@Module({ imports: [AuditModule], controllers: [AuditController] })
export class AuditHttpModule {}
