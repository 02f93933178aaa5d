// Migrations in the order they apply. Never edit one that has landed: add another.
import { InitialSchema1795510800000 } from './1795510800000-initial-schema.js';
import { OperatorsAndAudit1795514400000 } from './1795514400000-operators-and-audit.js';
import { IdempotencyInTransactionAndAuditChainVersion1796158800000 } from './1796158800000-idempotency-in-transaction-and-audit-chain-version.js';
import { LocalisedRecordsLicenceHistoryDomainSources1796200000000 } from './1796200000000-localised-records-licence-history-domain-sources.js';
import { NormaliseUrlEntries1796400000000 } from './1796400000000-normalise-url-entries.js';
import { DemoProvenance1796400100000 } from './1796400100000-demo-provenance.js';
import { BlocklistKeysetIndex1796500000000 } from './1796500000000-blocklist-keyset-index.js';
import { BlocklistPublications1796500010000 } from './1796500010000-blocklist-publications.js';
import { PublicationBlockedEntities1796500200000 } from './1796500200000-publication-blocked-entities.js';
import { BlocklistImportCost1796600000000 } from './1796600000000-blocklist-import-cost.js';
import { Warnings1796700000000 } from './1796700000000-warnings.js';
import { CitizenReports1796700100000 } from './1796700100000-citizen-reports.js';
import { VerificationReceipts1796800000000 } from './1796800000000-verification-receipts.js';
import { VerificationLookups1796800100000 } from './1796800100000-verification-lookups.js';
import { LeastPrivilege1796900000000 } from './1796900000000-least-privilege.js';
import { PublicationNotify1796900300000 } from './1796900300000-publication-notify.js';
import { ApiKeyRateLimits1796900400000 } from './1796900400000-api-key-rate-limits.js';

export const MIGRATIONS: Function[] = [
  InitialSchema1795510800000,
  OperatorsAndAudit1795514400000,
  IdempotencyInTransactionAndAuditChainVersion1796158800000,
  LocalisedRecordsLicenceHistoryDomainSources1796200000000,
  NormaliseUrlEntries1796400000000,
  DemoProvenance1796400100000,
  BlocklistKeysetIndex1796500000000,
  BlocklistPublications1796500010000,
  PublicationBlockedEntities1796500200000,
  BlocklistImportCost1796600000000,
  Warnings1796700000000,
  CitizenReports1796700100000,
  VerificationReceipts1796800000000,
  VerificationLookups1796800100000,
  LeastPrivilege1796900000000,
  PublicationNotify1796900300000,
  ApiKeyRateLimits1796900400000,
];
