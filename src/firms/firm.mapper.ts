import { toSourceDto } from '../provenance/source.js';
import type { FirmEntity, LicenceEntity, LicenceEventEntity } from './firm.entity.js';
import type { FirmDto, LicenceDto, LicenceEventDto } from './firms.dto.js';
import { licensingStatus, newestFirst } from './licensing-status.js';

/** Events in the order they were recorded (their ids are an identity column). */
export function inRecordedOrder(events: LicenceEventEntity[]): LicenceEventEntity[] {
  return [...events].sort((a, b) => Number(a.id) - Number(b.id));
}

function toLicenceEventDto(event: LicenceEventEntity): LicenceEventDto {
  return { status: event.event, from: event.effectiveOn, fromPrecision: event.effectiveOnPrecision, reason: event.reason };
}

/** Expects the licence's history loaded. */
export function toLicenceDto(licence: LicenceEntity): LicenceDto {
  return {
    id: licence.id,
    number: licence.number,
    regulator: licence.regulator,
    activities: licence.activities,
    status: licence.status,
    grantedOn: licence.grantedOn,
    grantedOnPrecision: licence.grantedOnPrecision,
    expiresOn: licence.expiresOn,
    endedOn: licence.endedOn,
    history: inRecordedOrder(licence.history).map(toLicenceEventDto),
    source: toSourceDto(licence.source),
  };
}

/** Expects domains, licences and their history loaded. */
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
      .map((d) => ({ domain: d.domain, display: d.display, source: toSourceDto(d.source) })),
    licences: licences.map(toLicenceDto),
    source: toSourceDto(firm.source),
    version: firm.version,
    updatedAt: firm.updatedAt.toISOString(),
  };
}
