// RFC 9457 problem details: the one error shape of the API.
import { HttpStatus } from '@nestjs/common';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `domains.0` or `q`. */
  field: string;
  messages: string[];
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

/**
 * Every error the application raises on purpose: a stable kebab-case code (its problem type), an HTTP status,
 * a human message, and optional extension members. Features define their codes in `x.errors.ts`.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    message: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class ValidationProblem extends DomainError {
  constructor(
    readonly errors: FieldProblem[],
    message = 'The request has invalid fields.',
    code = 'validation-failed',
    extensions: Record<string, unknown> = {},
  ) {
    super(code, HttpStatus.BAD_REQUEST, message, { ...extensions, errors });
  }
}

/** Titles for the generic codes; features' codes take their title from the message's status. */
export const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  428: 'Precondition required',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

export function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Server error' : 'Client error');
}

/** Generic code for an HTTP status, used when the error carries no code of its own. */
export function codeFor(status: number): string {
  return titleFor(status).toLowerCase().replaceAll(' ', '-');
}
