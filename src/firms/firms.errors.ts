import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/http/problem.js';

export enum FirmsErrorCode {
  FirmNotFound = 'firm-not-found',
}

export class FirmNotFoundError extends DomainError {
  constructor(id: string) {
    super(FirmsErrorCode.FirmNotFound, HttpStatus.NOT_FOUND, `No firm has the id ${id}.`);
  }
}
