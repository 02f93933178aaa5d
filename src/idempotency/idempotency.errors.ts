import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/http/problem.js';

export enum IdempotencyErrorCode {
  KeyReused = 'idempotency-key-reused',
  InvalidKey = 'invalid-idempotency-key',
}

export class IdempotencyKeyReusedError extends DomainError {
  constructor() {
    super(IdempotencyErrorCode.KeyReused, HttpStatus.UNPROCESSABLE_ENTITY, 'This Idempotency-Key was used with a different request.');
  }
}

export class InvalidIdempotencyKeyError extends DomainError {
  constructor() {
    super(IdempotencyErrorCode.InvalidKey, HttpStatus.BAD_REQUEST, 'Idempotency-Key must be 1 to 255 visible ASCII characters.');
  }
}
