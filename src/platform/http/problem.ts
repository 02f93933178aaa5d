// RFC 9457 problem details: the one error shape of the API.
import { HttpStatus } from '@nestjs/common';
import { localise, Localised, type Text } from '../i18n/translate.js';
import { FALLBACK_TITLES, PLATFORM_MESSAGES, STATUS_TITLES } from './problem-messages.js';

export interface FieldProblem {
  /** Dotted path of the offending field, e.g. `domains.0` or `q`. */
  field: string;
  /** Each message in one language (English) or in all of them; the filter sends the answer's language. */
  messages: Text[];
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  requestId?: string;
  errors?: { field: string; messages: string[] }[];
  [extension: string]: unknown;
}

/**
 * Every error the application raises on purpose: a stable kebab-case code (its problem type), an HTTP status,
 * a human message (English only, or a `Localised` in kk/ru/en, which the filter renders in the negotiated language),
 * optional extension members, and response headers it needs (`Allow`, `WWW-Authenticate`). Features define their
 * codes in `x.errors.ts`.
 */
export class DomainError extends Error {
  readonly detail: Text;

  constructor(
    readonly code: string,
    readonly status: HttpStatus,
    message: Text,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(String(message));
    this.detail = message;
    this.name = new.target.name;
  }
}

export class ValidationProblem extends DomainError {
  constructor(
    readonly errors: FieldProblem[],
    message: Text = localise(PLATFORM_MESSAGES, 'validation-failed'),
    code = 'validation-failed',
    extensions: Record<string, unknown> = {},
  ) {
    super(code, HttpStatus.BAD_REQUEST, message, { ...extensions, errors });
  }
}

/** The title of a status in every language (English: `titleFor`). */
export function localisedTitle(status: number): Localised {
  const known = (STATUS_TITLES as Record<number, Localised['texts']>)[status];
  return new Localised(known ?? (status >= 500 ? FALLBACK_TITLES.server : FALLBACK_TITLES.client));
}

export function titleFor(status: number): string {
  return localisedTitle(status).toString();
}

/** Generic code for an HTTP status, used when the error carries no code of its own. */
export function codeFor(status: number): string {
  return titleFor(status).toLowerCase().replaceAll(' ', '-');
}
