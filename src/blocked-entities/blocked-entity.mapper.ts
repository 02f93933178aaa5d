import { toSourceDto } from '../provenance/source.js';
import { allVersions, fromStoredOptional, type LocalisedText, localisedText, toStoredOptional } from '../text/localised-text.js';
import { foldedSearchText } from '../text/name-fold.js';
import type { BlockedEntityDto } from './blocked-entities.dto.js';
import type { NewBlockedEntity } from './blocked-entities.repository.js';
import type { BlockedEntityEntity } from './blocked-entity.entity.js';

/** Every name the entity is known by, in every language, for search. */
export function blockedEntitySearchText(name: LocalisedText, aliases: string[]): string {
  return foldedSearchText([...allVersions(name), ...aliases]);
}

/** The localised columns of a blocked entity as the repository writes them. */
export function storedTexts(input: {
  name: LocalisedText;
  authority: LocalisedText;
  requestedBy: LocalisedText | null;
  legalBasis: LocalisedText;
}): Pick<NewBlockedEntity, 'name' | 'authority' | 'requestedBy' | 'legalBasis'> {
  return {
    name: localisedText(input.name),
    authority: localisedText(input.authority),
    requestedBy: toStoredOptional(input.requestedBy && localisedText(input.requestedBy)),
    legalBasis: localisedText(input.legalBasis),
  };
}

export function toBlockedEntityDto(entity: BlockedEntityEntity): BlockedEntityDto {
  return {
    id: entity.id,
    name: localisedText(entity.name),
    aliases: entity.aliases,
    category: entity.category,
    authority: localisedText(entity.authority),
    requestedBy: fromStoredOptional(entity.requestedBy),
    legalBasis: localisedText(entity.legalBasis),
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
