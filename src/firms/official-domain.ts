// What other modules read of firms: each official domain with its firm's standing computed once, as plain data.
import type { SourceEmbedded } from '../provenance/source.embedded.js';
import type { FirmEntity, LicenceEventEntity, LicenceStatus } from './firm.entity.js';
import { STATUS_AFTER_EVENT } from './licence-history.js';
import { type LicensingStatus, licensingStatus, newestFirst } from './licensing-status.js';

export interface FirmLicenceView {
  number: string;
  regulator: string;
  status: LicenceStatus;
  activities: string[];
  /** null: no source says when. */
  grantedOn: string | null;
  endedOn: string | null;
  /** The day the licence took its current status (its latest recorded change); null where no source says. */
  statusSince: string | null;
  source: SourceEmbedded;
}

export interface FirmView {
  id: string;
  names: { en: string; ru: string | null; kk: string | null };
  brands: string[];
  aliases: string[];
  /** The official domains (A-labels). */
  domains: string[];
  licensingStatus: LicensingStatus;
  /** Every licence, newest first. */
  licences: FirmLicenceView[];
  source: SourceEmbedded;
}

export interface OfficialDomain {
  /** A-label; covers its subdomains. */
  domain: string;
  display: string;
  /** Where it is stated that the firm uses this domain; a verdict resting on it is only as sure as this. */
  source: SourceEmbedded;
  firm: FirmView;
}

export function toFirmView(firm: FirmEntity): FirmView {
  const licences = newestFirst(firm.licences);
  return {
    id: firm.id,
    names: { en: firm.nameEn, ru: firm.nameRu, kk: firm.nameKk },
    brands: firm.brands,
    aliases: firm.aliases,
    domains: (firm.domains ?? []).map((d) => d.domain).sort(),
    licensingStatus: licensingStatus(licences),
    licences: licences.map((l) => ({
      number: l.number,
      regulator: l.regulator,
      status: l.status,
      activities: l.activities,
      grantedOn: l.grantedOn,
      endedOn: l.endedOn,
      statusSince: statusSince(l.status, l.history ?? []),
      source: l.source,
    })),
    source: firm.source,
  };
}

/** The date of the latest event that gave the licence its current status (events are numbered in order). */
function statusSince(status: LicenceStatus, history: LicenceEventEntity[]): string | null {
  const latest = history
    .filter((e) => STATUS_AFTER_EVENT[e.event] === status)
    .reduce<LicenceEventEntity | undefined>((last, e) => (!last || BigInt(e.id) > BigInt(last.id) ? e : last), undefined);
  return latest?.effectiveOn ?? null;
}

export function toOfficialDomains(firms: FirmEntity[]): OfficialDomain[] {
  return firms.flatMap((firm) => {
    const view = toFirmView(firm);
    return firm.domains.map((d) => ({ domain: d.domain, display: d.display, source: d.source, firm: view }));
  });
}
