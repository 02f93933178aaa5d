import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/http/problem.js';
import { Localised } from '../platform/i18n/translate.js';

export enum BlockedEntitiesErrorCode {
  BlockedEntityNotFound = 'blocked-entity-not-found',
}

export class BlockedEntityNotFoundError extends DomainError {
  constructor(id: string) {
    super(
      BlockedEntitiesErrorCode.BlockedEntityNotFound,
      HttpStatus.NOT_FOUND,
      new Localised({
        en: `No blocked entity has the id ${id}.`,
        ru: `Нет заблокированной организации с идентификатором ${id}.`,
        kk: `${id} идентификаторы бар бұғатталған ұйым жоқ.`,
      }),
    );
  }
}

export class BlockLiftedError extends DomainError {
  constructor() {
    super('block-already-lifted', HttpStatus.CONFLICT, 'This block was already lifted: record a new block instead.');
  }
}
