import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../../platform/http/problem.js';
import { Localised } from '../../platform/i18n/translate.js';

export enum ReceiptsErrorCode {
  ReceiptNotFound = 'receipt-not-found',
}

/** Also for another bank's receipt and an anonymous one: the answer never says that a receipt exists elsewhere. */
export class ReceiptNotFoundError extends DomainError {
  constructor(id: string) {
    super(
      ReceiptsErrorCode.ReceiptNotFound,
      HttpStatus.NOT_FOUND,
      new Localised({
        en: `This API key was issued no receipt with the id ${id}.`,
        ru: `Этому API-ключу не выдавалась квитанция с идентификатором ${id}.`,
        kk: `Бұл API кілтіне ${id} идентификаторы бар түбіртек берілмеген.`,
      }),
    );
  }
}
