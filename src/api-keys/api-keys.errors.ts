import { HttpStatus } from '@nestjs/common';
import { type Catalogue, localise } from '../platform/i18n/translate.js';
import { DomainError } from '../platform/http/problem.js';

export enum ApiKeysErrorCode {
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  KeyInQuery = 'api-key-in-query',
  KeyNotFound = 'api-key-not-found',
  DuplicateAuthorization = 'duplicate-authorization-header',
}

const MESSAGES: Catalogue<'unauthorized' | 'forbidden' | 'key-in-query' | 'duplicate-authorization'> = {
  unauthorized: {
    en: 'A valid API key is required in the Authorization header.',
    ru: 'Нужен действительный API-ключ в заголовке Authorization.',
    kk: 'Authorization тақырыбында жарамды API кілті қажет.',
  },
  forbidden: {
    en: 'This API key is not allowed to do this.',
    ru: 'Этому API-ключу это действие не разрешено.',
    kk: 'Бұл API кілтіне бұл әрекетке рұқсат жоқ.',
  },
  'key-in-query': {
    en: 'API keys are accepted only in the Authorization header. A key sent in a URL may have been logged on the way: revoke it.',
    ru: 'API-ключи принимаются только в заголовке Authorization. Ключ, отправленный в URL, мог попасть в журналы по пути: отзовите его.',
    kk: 'API кілттері тек Authorization тақырыбында қабылданады. URL арқылы жіберілген кілт жол бойы журналдарға түсуі мүмкін: оны кері қайтарып алыңыз.',
  },
  'duplicate-authorization': {
    en: 'Send one Authorization header: this request has several, and none of them is chosen over the others.',
    ru: 'Отправьте один заголовок Authorization: в этом запросе их несколько, и ни один не выбирается вместо других.',
    kk: 'Бір ғана Authorization тақырыбын жіберіңіз: бұл сұрауда олар бірнешеу, және ешқайсысы басқаларының орнына таңдалмайды.',
  },
};

/** RFC 6750: a 401 names the scheme a client should use. */
const BEARER_CHALLENGE = { 'www-authenticate': 'Bearer realm="kz-crypto-registry"' };

/** One answer for missing, malformed, unknown, revoked and expired keys: no hint which part was wrong. */
export class UnauthorizedError extends DomainError {
  constructor() {
    super(ApiKeysErrorCode.Unauthorized, HttpStatus.UNAUTHORIZED, localise(MESSAGES, 'unauthorized'), {}, BEARER_CHALLENGE);
  }
}

export class ForbiddenError extends DomainError {
  constructor() {
    super(ApiKeysErrorCode.Forbidden, HttpStatus.FORBIDDEN, localise(MESSAGES, 'forbidden'));
  }
}

export class KeyInQueryError extends DomainError {
  constructor() {
    super(ApiKeysErrorCode.KeyInQuery, HttpStatus.BAD_REQUEST, localise(MESSAGES, 'key-in-query'));
  }
}

/** RFC 6750's invalid_request: the credentials are ambiguous, so neither is tried. */
export class DuplicateAuthorizationError extends DomainError {
  constructor() {
    super(ApiKeysErrorCode.DuplicateAuthorization, HttpStatus.BAD_REQUEST, localise(MESSAGES, 'duplicate-authorization'), {}, {
      'www-authenticate': 'Bearer realm="kz-crypto-registry", error="invalid_request"',
    });
  }
}

export class ApiKeyNotFoundError extends DomainError {
  constructor(id: string) {
    super(ApiKeysErrorCode.KeyNotFound, HttpStatus.NOT_FOUND, `No API key has the id ${id}.`);
  }
}
