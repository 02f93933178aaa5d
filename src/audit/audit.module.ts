// The tamper-evident audit trail: every operator write, hash-chained, append-only.
import { Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository.js';
import { AuditService } from './audit.service.js';
import { VersionedUpdates } from './versioned-update.js';

@Module({ providers: [AuditService, AuditRepository, VersionedUpdates], exports: [AuditService, VersionedUpdates] })
export class AuditModule {}
