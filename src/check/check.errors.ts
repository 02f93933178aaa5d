import { ValidationProblem } from '../platform/http/problem.js';
import type { CanonicaliseError } from '../domain-names/canonicalise.js';

export enum CheckErrorCode {
  InvalidTarget = 'invalid-target',
}

/** The input is not a domain, URL or IP a browser could visit; reported like any invalid field, on `q`. */
export class InvalidTargetError extends ValidationProblem {
  constructor(error: CanonicaliseError) {
    super(
      [{ field: 'q', messages: [error.message] }],
      `q is not a domain, link or IP address a browser could visit: ${error.message}`,
      CheckErrorCode.InvalidTarget,
      { reason: error.code },
    );
  }
}
