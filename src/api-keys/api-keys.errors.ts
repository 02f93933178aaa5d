import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/http/problem.js';

export enum ApiKeysErrorCode {
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  KeyInQuery = 'api-key-in-query',
  KeyNotFound = 'api-key-not-found',
}

/** One answer for missing, malformed, unknown, revoked and expired keys: no hint which part was wrong. */
export class UnauthorizedError extends DomainError {
  constructor() {
    super(ApiKeysErrorCode.Unauthorized, HttpStatus.UNAUTHORIZED, 'A valid API key is required in the Authorization header.');
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super(ApiKeysErrorCode.Forbidden, HttpStatus.FORBIDDEN, 'This API key is not allowed to do this.');
  }
}

export class KeyInQueryError extends DomainError {
  constructor() {
    super(
      ApiKeysErrorCode.KeyInQuery,
      HttpStatus.BAD_REQUEST,
      'API keys are accepted only in the Authorization header. A key sent in a URL may have been logged on the way: revoke it.',
    );
  }
}

export class ApiKeyNotFoundError extends DomainError {
  constructor(id: string) {
    super(ApiKeysErrorCode.KeyNotFound, HttpStatus.NOT_FOUND, `No API key has the id ${id}.`);
  }
}
