import { toSourceDto } from '../provenance/source.js';
import type { FirmEntity, LicenceEntity } from './firm.entity.js';
import type { FirmDto, LicenceDto } from './firms.dto.js';
import { licensingStatus } from './licensing-status.js';

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
  const licences = [...firm.licences].sort(
    (a, b) => b.grantedOn.localeCompare(a.grantedOn) || a.number.localeCompare(b.number),
  );
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
