// Every entity, listed once for the DataSource (explicit imports work the same under tsc, swc and the CLI).
import { ApiKeyEntity } from './api-keys/api-key.entity.js';
import { AuditEventEntity, AuditHeadEntity } from './audit/audit-event.entity.js';
import { IdempotencyKeyEntity } from './idempotency/idempotency-key.entity.js';
import { BlockedEntityEntity } from './blocked-entities/blocked-entity.entity.js';
import {
  BlocklistEntryEntity,
  BlocklistHeadEntity,
  BlocklistSerialEntity,
} from './blocklist/blocklist.entity.js';
import { BlocklistPublicationEntity } from './blocklist/publications/publication.entity.js';
import { WarningEntity } from './warnings/warning.entity.js';
import { ReportEntity, ReportTargetEntity } from './reports/report.entity.js';
import { ReceiptEntity } from './verification/receipts/receipt.entity.js';
import { FirmDomainEntity, FirmEntity, LicenceEntity, LicenceEventEntity } from './firms/firm.entity.js';

export const ENTITIES = [
  FirmEntity,
  FirmDomainEntity,
  LicenceEntity,
  LicenceEventEntity,
  BlockedEntityEntity,
  BlocklistHeadEntity,
  BlocklistSerialEntity,
  BlocklistEntryEntity,
  BlocklistPublicationEntity,
  ApiKeyEntity,
  AuditEventEntity,
  AuditHeadEntity,
  IdempotencyKeyEntity,
  WarningEntity,
  ReportEntity,
  ReportTargetEntity,
  ReceiptEntity,
];
