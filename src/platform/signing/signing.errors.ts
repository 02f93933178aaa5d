import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../http/problem.js';
import { Localised } from '../i18n/translate.js';

export enum SigningErrorCode {
  SigningKeyNotFound = 'signing-key-not-found',
}

export class SigningKeyNotFoundError extends DomainError {
  constructor(keyId: string) {
    super(
      SigningErrorCode.SigningKeyNotFound,
      HttpStatus.NOT_FOUND,
      new Localised({
        en: `No signing key has the id ${keyId}: /v1/signing-keys lists them all.`,
        ru: `Нет ключа подписи с идентификатором ${keyId}: все ключи перечислены в /v1/signing-keys.`,
        kk: `${keyId} идентификаторы бар қолтаңба кілті жоқ: барлық кілттер /v1/signing-keys тізімінде.`,
      }),
      {},
      // Never kept by a cache: a rotation may add this key a minute later, and a verifier must then find it.
      { 'cache-control': 'no-store' },
    );
  }
}
