// A firm as its licence history leaves it on one day: what a bank's verification "as of" a date answers from.
import type { DatePrecision } from '../provenance/date-precision.js';
import type { FirmEntity, LicenceStatus } from './firm.entity.js';
import { toFirmDto } from './firm.mapper.js';
import type { FirmDto } from './firms.dto.js';
import { licenceStatusOn } from './licence-history.js';
import { type LicensingStatus, licensingStatus, newestFirst } from './licensing-status.js';

export interface LicenceOnDay {
  id: string;
  number: string;
  regulator: string;
  activities: string[];
  /** null: not granted yet on the day. */
  status: LicenceStatus | null;
  /** The day it took that status; the day the registry recorded the change where no source gives the day. */
  since: string | null;
  sincePrecision: DatePrecision | null;
  sinceIsRecorded: boolean;
  /** The day falls inside the month or year a source gives without the day: the status then is not certain. */
  uncertain: boolean;
  /** Its status now, for comparison. */
  statusNow: LicenceStatus;
}

export interface FirmOnDay {
  firm: FirmDto;
  /** The firm's standing on the day, by the same rule as now (licensingStatus) applied to the licences on that day. */
  standing: LicensingStatus;
  licences: LicenceOnDay[];
}

/** Expects domains, licences and their history loaded. */
export function firmOnDay(entity: FirmEntity, day: string): FirmOnDay {
  const licences = newestFirst(entity.licences).map((licence): LicenceOnDay => {
    const on = licenceStatusOn(licence, day);
    return {
      id: licence.id,
      number: licence.number,
      regulator: licence.regulator,
      activities: licence.activities,
      status: on.status,
      since: on.since,
      sincePrecision: on.sincePrecision,
      sinceIsRecorded: on.sinceIsRecorded,
      uncertain: on.uncertain,
      statusNow: licence.status,
    };
  });
  const inForce = licences.flatMap((l) => (l.status === null ? [] : [{ status: l.status }]));
  return { firm: toFirmDto(entity), standing: licensingStatus(inForce), licences };
}
