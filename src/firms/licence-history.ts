// How a licence's history is written: the events a new licence starts with, and the event a status change makes.
import { dayInKazakhstan } from '../platform/calendar/kazakhstan-day.js';
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

/** A licence as its history leaves it on a day, for verification "as of" a date. */
export interface LicenceOnDate {
  /** null: not granted yet on that day (as far as the registry's history says). */
  status: LicenceStatus | null;
  /** The day the licence took that status, or the day the registry recorded it where no source gives the day. */
  since: string | null;
  /** How much of `since` the source states (year: only the year); null with `since`. */
  sincePrecision: DatePrecision | null;
  /** True when `since` is when the registry recorded the change, not when it took effect (no source gives that). */
  sinceIsRecorded: boolean;
  /**
   * True when the day falls inside the month or year a source gives without the day: the change may have come
   * later in it, so the status on that day is not certain.
   */
  uncertain: boolean;
}

/** The status each event leaves a licence in. */
export const STATUS_AFTER_EVENT: Record<LicenceEvent, LicenceStatus> = {
  granted: 'active',
  reinstated: 'active',
  confirmed: 'active',
  suspended: 'suspended',
  revoked: 'revoked',
  expired: 'expired',
};

export interface RecordedLicenceEvent {
  /** The identity id: the order the events happened in. */
  id: string;
  event: LicenceEvent;
  effectiveOn: string | null;
  effectiveOnPrecision: DatePrecision | null;
  recordedAt: Date;
}

/** Whether `day` lies in the period a date of this precision stands for (its year, its month), after its first day. */
function insideImpreciseDate(from: string, precision: DatePrecision | null, day: string): boolean {
  if (precision === 'year') return day.slice(0, 4) === from.slice(0, 4);
  if (precision === 'month') return day.slice(0, 7) === from.slice(0, 7);
  return false;
}

/**
 * The licence's status on `day` (YYYY-MM-DD) from its history: each event counts from the day it took effect (the
 * first day of its month or year where only those are given), or, where no source gives any date, from the day the
 * registry recorded it (it was in force by then at the latest). A licence recorded with unknown status has only its
 * grant; its grant gives `unknown`, not `active`, until an event says more (a later `confirmed` shows it was
 * unknown before).
 */
export function licenceStatusOn(licence: { status: LicenceStatus; history: RecordedLicenceEvent[] }, day: string): LicenceOnDate {
  const events = [...licence.history].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)));
  const unknownAtGrant = licence.status === 'unknown' || events.some((e) => e.event === 'confirmed');
  let state: LicenceOnDate = { status: null, since: null, sincePrecision: null, sinceIsRecorded: false, uncertain: false };
  for (const event of events) {
    const recorded = event.effectiveOn === null;
    const from = event.effectiveOn ?? dayInKazakhstan(event.recordedAt);
    if (from > day) break;
    const precision = recorded ? 'day' : (event.effectiveOnPrecision ?? 'day');
    const status = event.event === 'granted' && unknownAtGrant ? 'unknown' : STATUS_AFTER_EVENT[event.event];
    state = { status, since: from, sincePrecision: precision, sinceIsRecorded: recorded, uncertain: insideImpreciseDate(from, precision, day) };
  }
  return state;
}
