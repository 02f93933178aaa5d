// The one rule for a firm's standing (and the order its licences are listed in), used by the firm record, the check, the blocklist's guard and verification.
import type { LicenceStatus } from './firm.entity.js';

export const LICENSING_STATUSES = ['licensed', 'suspended', 'not-licensed'] as const;
/**
 * licensed: a licence is active; suspended: none is active but one is suspended; not-licensed: neither (a licence of
 * unknown status does not make a firm licensed). FirmsRepository.search filters by the same rule in SQL.
 */
export type LicensingStatus = (typeof LICENSING_STATUSES)[number];

/**
 * Licences newest first (granted later first; by number on the same day), as every view of a firm lists them. A
 * licence whose grant date no source gives comes last: nothing says it is newer.
 */
export function newestFirst<L extends { grantedOn: string | null; number: string }>(licences: L[]): L[] {
  return [...licences].sort((a, b) => (b.grantedOn ?? '').localeCompare(a.grantedOn ?? '') || a.number.localeCompare(b.number));
}

export function licensingStatus(licences: { status: LicenceStatus }[]): LicensingStatus {
  if (licences.some((l) => l.status === 'active')) return 'licensed';
  if (licences.some((l) => l.status === 'suspended')) return 'suspended';
  return 'not-licensed';
}

/** A firm with a licence in force or suspended: its official domains must never be blocked by mistake. */
export function isListedAsLicensed(status: LicensingStatus): boolean {
  return status !== 'not-licensed';
}
