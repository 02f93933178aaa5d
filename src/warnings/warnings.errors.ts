import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../platform/http/problem.js';
import { Localised } from '../platform/i18n/translate.js';

export enum WarningsErrorCode {
  WarningNotFound = 'warning-not-found',
  WarningNamesLicensedDomain = 'warning-names-licensed-domain',
}

export class WarningNotFoundError extends DomainError {
  constructor(id: string) {
    super(
      WarningsErrorCode.WarningNotFound,
      HttpStatus.NOT_FOUND,
      new Localised({
        en: `No warning has the id ${id}.`,
        ru: `Нет предупреждения с идентификатором ${id}.`,
        kk: `${id} идентификаторы бар ескерту жоқ.`,
      }),
    );
  }
}

/** A warning may not name a licensed firm's official domain: the check would tell citizens a licensed site is warned. */
export class WarningNamesLicensedDomainError extends DomainError {
  constructor(hits: { index: number; domain: string; firm: string }[]) {
    const list = hits.map((h) => `${h.domain} (${h.firm})`).join(', ');
    super(
      WarningsErrorCode.WarningNamesLicensedDomain,
      HttpStatus.UNPROCESSABLE_ENTITY,
      new Localised({
        en: `A warning cannot name an official domain of a licensed firm: ${list}.`,
        ru: `Предупреждение не может называть официальный домен лицензированной компании: ${list}.`,
        kk: `Ескерту лицензиясы бар компанияның ресми доменін атай алмайды: ${list}.`,
      }),
      { errors: hits.map((h) => ({ field: `domains.${h.index}`, messages: [`${h.domain} is an official domain of ${h.firm}, which is licensed`] })) },
    );
  }
}
