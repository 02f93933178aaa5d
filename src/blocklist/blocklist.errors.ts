import { HttpStatus } from '@nestjs/common';
import { DomainError, type FieldProblem } from '../platform/http/problem.js';

export enum BlocklistErrorCode {
  InvalidEntries = 'invalid-entries',
}

/** Every bad item of a bulk request, by index; nothing was written. */
export class InvalidEntriesProblem extends DomainError {
  constructor(errors: FieldProblem[], total: number) {
    super(
      BlocklistErrorCode.InvalidEntries,
      HttpStatus.UNPROCESSABLE_ENTITY,
      `${errors.length} of ${total} items cannot be applied; nothing was written. Each is listed in errors by index.`,
      { errors },
    );
  }
}
