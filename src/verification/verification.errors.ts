import { type FieldProblem, ValidationProblem } from '../platform/http/problem.js';
import { localise } from '../platform/i18n/translate.js';
import { QUERY_MESSAGES } from './verification.messages.js';

export enum VerificationErrorCode {
  DuplicateReferences = 'duplicate-references',
}

/** A batch whose items repeat a reference: answers could not be told apart, so none is given. */
export class DuplicateReferencesProblem extends ValidationProblem {
  constructor(problems: FieldProblem[]) {
    super(problems, localise(QUERY_MESSAGES, 'duplicate-references'), VerificationErrorCode.DuplicateReferences);
  }
}
