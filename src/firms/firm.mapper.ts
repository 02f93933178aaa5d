import { toSourceDto } from '../provenance/source.js';
import type { FirmEntity, LicenceEntity } from './firm.entity.js';
import type { FirmDto, LicenceDto } from './firms.dto.js';
import { licensingStatus, newestFirst } from './licensing-status.js';

export function toLicenceDto(licence: LicenceEntity): LicenceDto {
  return {
    id: licence.id,
    number: licence.number,
    regulator: licence.regulator,
    activities: licence.activities,
    status: licence.status,
    grantedOn: licence.grantedOn,
    expiresOn: licence.expiresOn,
    endedOn: licence.endedOn,
    source: toSourceDto(licence.source),
  };
}

/** Expects domains and licences loaded. */
export function toFirmDto(firm: FirmEntity): FirmDto {
  const licences = newestFirst(firm.licences);
  return {
    id: firm.id,
    names: { en: firm.nameEn, ru: firm.nameRu, kk: firm.nameKk },
    brands: firm.brands,
    aliases: firm.aliases,
    bin: firm.bin,
    lei: firm.lei,
    jurisdiction: firm.jurisdiction,
    licensingStatus: licensingStatus(licences),
    domains: [...firm.domains]
      .sort((a, b) => a.domain.localeCompare(b.domain))
      .map((d) => ({ domain: d.domain, display: d.display })),
    licences: licences.map(toLicenceDto),
    source: toSourceDto(firm.source),
    version: firm.version,
    updatedAt: firm.updatedAt.toISOString(),
  };
}
