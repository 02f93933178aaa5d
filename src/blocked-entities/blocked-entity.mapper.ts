import { toSourceDto } from '../provenance/source.js';
import type { BlockedEntityDto } from './blocked-entities.dto.js';
import type { BlockedEntityEntity } from './blocked-entity.entity.js';

export function toBlockedEntityDto(entity: BlockedEntityEntity): BlockedEntityDto {
  return {
    id: entity.id,
    name: entity.name,
    aliases: entity.aliases,
    category: entity.category,
    authority: entity.authority,
    requestedBy: entity.requestedBy,
    legalBasis: entity.legalBasis,
    decisionNumber: entity.decisionNumber,
    decisionDate: entity.decisionDate,
    blockedOn: entity.blockedOn,
    blockedOnPrecision: entity.blockedOnPrecision,
    liftedOn: entity.liftedOn,
    liftReason: entity.liftReason,
    state: entity.liftedOn ? 'lifted' : 'in-force',
    domains: entity.domains,
    source: toSourceDto(entity.source),
    version: entity.version,
    updatedAt: entity.updatedAt.toISOString(),
  };
}
