import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/http/problem.js';

export enum IdempotencyErrorCode {
  KeyReused = 'idempotency-key-reused',
  InProgress = 'idempotency-key-in-progress',
  InvalidKey = 'invalid-idempotency-key',
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(IdempotencyErrorCode.KeyReused, HttpStatus.UNPROCESSABLE_ENTITY, 'This Idempotency-Key was used with a different request.');
  }
}

export class IdempotencyInProgressError extends DomainError {
  constructor() {
    super(IdempotencyErrorCode.InProgress, HttpStatus.CONFLICT, 'A request with this Idempotency-Key is still running: retry later.');
  }
}

export class InvalidIdempotencyKeyError extends DomainError {
  constructor() {
    super(IdempotencyErrorCode.InvalidKey, HttpStatus.BAD_REQUEST, 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
  }
}
