import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/http/problem.js';
import { Localised } from '../platform/i18n/translate.js';

export enum FirmsErrorCode {
  FirmNotFound = 'firm-not-found',
  LicenceNotFound = 'licence-not-found',
  LicenceEnded = 'licence-ended',
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
