// Every entity, listed once for the DataSource (explicit imports work the same under tsc, swc and the CLI).
import { BlockedEntityEntity } from '../../blocked-entities/blocked-entity.entity.js';
import {
  BlocklistEntryEntity,
  BlocklistHeadEntity,
  BlocklistSerialEntity,
} from '../../blocklist/blocklist.entity.js';
import { FirmDomainEntity, FirmEntity, LicenceEntity } from '../../firms/firm.entity.js';

export const ENTITIES = [
  FirmEntity,
  FirmDomainEntity,
  LicenceEntity,
  BlockedEntityEntity,
  BlocklistHeadEntity,
  BlocklistSerialEntity,
  BlocklistEntryEntity,
];
