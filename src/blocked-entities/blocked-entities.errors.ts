import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/http/problem.js';

export enum BlockedEntitiesErrorCode {
  BlockedEntityNotFound = 'blocked-entity-not-found',
}

export class BlockedEntityNotFoundError extends DomainError {
  constructor(id: string) {
    super(BlockedEntitiesErrorCode.BlockedEntityNotFound, HttpStatus.NOT_FOUND, `No blocked entity has the id ${id}.`);
  }
}

export class BlockLiftedError extends DomainError {
  constructor() {
    super('block-already-lifted', HttpStatus.CONFLICT, 'This block was already lifted: record a new block instead.');
  }
}
