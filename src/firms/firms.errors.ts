import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/http/problem.js';
import { Localised } from '../platform/i18n/translate.js';

export enum FirmsErrorCode {
  FirmNotFound = 'firm-not-found',
  FirmNameTaken = 'firm-name-taken',
  LicenceNotFound = 'licence-not-found',
  LicenceEnded = 'licence-ended',
  LicenceStatusUnchanged = 'licence-status-unchanged',
}

export class FirmNotFoundError extends DomainError {
  constructor(id: string) {
    super(
      FirmsErrorCode.FirmNotFound,
      HttpStatus.NOT_FOUND,
      new Localised({
        en: `No firm has the id ${id}.`,
        ru: `Нет фирмы с идентификатором ${id}.`,
        kk: `${id} идентификаторы бар фирма жоқ.`,
      }),
    );
  }
}

export class FirmNameTakenError extends DomainError {
  constructor(name: string, jurisdiction: string, firmId: string) {
    super(
      FirmsErrorCode.FirmNameTaken,
      HttpStatus.CONFLICT,
      `The firm ${firmId} in ${jurisdiction} already has the name "${name}" (names are compared in one Unicode form, ignoring case).`,
      { firmId },
    );
  }
}

export class LicenceNotFoundError extends DomainError {
  constructor(id: string) {
    super(FirmsErrorCode.LicenceNotFound, HttpStatus.NOT_FOUND, `The firm has no licence with the id ${id}.`);
  }
}

export class LicenceEndedError extends DomainError {
  constructor() {
    super(FirmsErrorCode.LicenceEnded, HttpStatus.CONFLICT, 'An ended licence stays ended: grant a new licence instead.');
  }
}

export class LicenceStatusUnchangedError extends DomainError {
  constructor(status: string) {
    super(FirmsErrorCode.LicenceStatusUnchanged, HttpStatus.CONFLICT, `The licence is already ${status}: nothing to record.`);
  }
}
