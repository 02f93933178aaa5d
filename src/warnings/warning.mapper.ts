import { toSourceDto } from '../provenance/source.js';
import { localisedText } from '../text/localised-text.js';
import { foldedSearchText } from '../text/name-fold.js';
import type { WarningDto } from './warnings.dto.js';
import type { WarningEntity } from './warning.entity.js';

/** Every brand and alias folded, for search. */
export function warningSearchText(brands: string[], aliases: string[]): string {
  return foldedSearchText([...brands, ...aliases]);
}

export function toWarningDto(entity: WarningEntity): WarningDto {
  return {
    id: entity.id,
    brands: entity.brands,
    aliases: entity.aliases,
    domains: entity.domains,
    issuedOn: entity.issuedOn,
    issuer: entity.issuer,
    title: localisedText(entity.title),
    summary: localisedText(entity.summary),
    source: toSourceDto(entity.source),
    state: entity.withdrawnOn ? 'withdrawn' : 'in-force',
    withdrawnOn: entity.withdrawnOn,
    withdrawalReason: entity.withdrawalReason,
    version: entity.version,
    updatedAt: entity.updatedAt.toISOString(),
  };
}
