// The one rule for a firm's standing, used by the firm record, the check, the blocklist's guard and verification.
import type { LicenceStatus } from './firm.entity.js';

export const LICENSING_STATUSES = ['licensed', 'suspended', 'not-licensed'] as const;
/** licensed: a licence is active; suspended: none is active but one is suspended; not-licensed: neither. */
export type LicensingStatus = (typeof LICENSING_STATUSES)[number];

export function licensingStatus(licences: { status: LicenceStatus }[]): LicensingStatus {
  if (licences.some((l) => l.status === 'active')) return 'licensed';
  if (licences.some((l) => l.status === 'suspended')) return 'suspended';
  return 'not-licensed';
}

/** A firm with a licence in force or suspended: its official domains must never be blocked by mistake. */
export function isListedAsLicensed(status: LicensingStatus): boolean {
  return status !== 'not-licensed';
}
