// How a licence's history is written: the events a new licence starts with, and the event a status change makes.
import type { DatePrecision } from '../provenance/date-precision.js';
import type { LicenceEvent, LicenceStatus, LicenceStatusChange } from './firm.entity.js';

export interface NewLicenceEvent {
  event: LicenceEvent;
  effectiveOn: string | null;
  effectiveOnPrecision: DatePrecision | null;
  reason: string | null;
}

const ENDED: readonly LicenceStatus[] = ['revoked', 'expired'];

export function isEnded(status: LicenceStatus): boolean {
  return ENDED.includes(status);
}

/**
 * The history a licence is recorded with: granted (when the source says), then, for a licence recorded already
 * suspended or ended, that change (its date where known). A licence of unknown status has only its grant: what
 * happened to it since is what the registry does not know.
 */
export function initialHistory(licence: {
  status: LicenceStatus;
  grantedOn: string | null;
  grantedOnPrecision: DatePrecision | null;
  endedOn: string | null;
}): NewLicenceEvent[] {
  const granted: NewLicenceEvent = {
    event: 'granted',
    effectiveOn: licence.grantedOn,
    effectiveOnPrecision: licence.grantedOn ? (licence.grantedOnPrecision ?? 'day') : null,
    reason: null,
  };
  if (licence.status === 'suspended') return [granted, { event: 'suspended', effectiveOn: null, effectiveOnPrecision: null, reason: null }];
  if (licence.status === 'revoked' || licence.status === 'expired') {
    const on = licence.endedOn;
    return [granted, { event: licence.status, effectiveOn: on, effectiveOnPrecision: on ? 'day' : null, reason: null }];
  }
  return [granted];
}

/** The event that moving from `from` to `to` records; null when the status would not change. Never from an ended licence. */
export function eventFor(from: LicenceStatus, to: LicenceStatusChange): LicenceEvent | null {
  if (from === to) return null;
  switch (to) {
    case 'active':
      return from === 'unknown' ? 'confirmed' : 'reinstated';
    case 'suspended':
    case 'revoked':
    case 'expired':
      return to;
  }
}
