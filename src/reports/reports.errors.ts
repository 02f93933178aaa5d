import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/http/problem.js';
import { Localised } from '../platform/i18n/translate.js';

export enum ReportsErrorCode {
  TooManyReports = 'too-many-reports',
  InvalidCursor = 'invalid-report-cursor',
}

export class TooManyReportsError extends DomainError {
  constructor(
    readonly perHour: number,
    readonly retryAfterSeconds: number,
  ) {
    super(
      ReportsErrorCode.TooManyReports,
      HttpStatus.TOO_MANY_REQUESTS,
      new Localised({
        en: `At most ${perHour} reports an hour are taken from one address. Try again in ${retryAfterSeconds} seconds.`,
        ru: `С одного адреса принимается не больше ${perHour} сообщений в час. Повторите через ${retryAfterSeconds} с.`,
        kk: `Бір мекенжайдан сағатына ${perHour} хабарламадан артық қабылданбайды. ${retryAfterSeconds} секундтан кейін қайталаңыз.`,
      }),
      {},
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}

export class InvalidReportCursorError extends DomainError {
  constructor() {
    super(ReportsErrorCode.InvalidCursor, HttpStatus.BAD_REQUEST, 'The cursor is not one this listing returned: start again without it.');
  }
}
