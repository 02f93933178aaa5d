import { describe, expect, it } from '@jest/globals';
import { HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { classify } from './problem.filter.js';
import type { Localised } from '../i18n/translate.js';
import { DomainError, ValidationProblem } from './problem.js';

describe('classify', () => {
  it('keeps a domain error\'s code, status and extensions', () => {
    expect(classify(new DomainError('firm-not-found', 404, 'No firm.', { id: 'x' }, { allow: 'GET' }))).toEqual({
      status: 404,
      code: 'firm-not-found',
      detail: 'No firm.',
      extensions: { id: 'x' },
      headers: { allow: 'GET' },
    });
  });

  it('lists the fields of a validation problem', () => {
    const classified = classify(new ValidationProblem([{ field: 'limit', messages: ['too big'] }]));
    expect(classified).toMatchObject({ status: 400, code: 'validation-failed' });
    expect(classified?.extensions?.errors).toEqual([{ field: 'limit', messages: ['too big'] }]);
  });

  it('maps Nest HTTP exceptions to generic codes', () => {
    expect(classify(new NotFoundException('Cannot GET /x'))).toMatchObject({ status: 404, code: 'not-found' });
    expect(classify(new PayloadTooLargeException())).toMatchObject({ status: 413, code: 'content-too-large' });
  });

  it('turns rule-breaking database errors into 409/422 with the constraint, not a 500', () => {
    const unique = new QueryFailedError('INSERT', [], Object.assign(new Error('dup'), { code: '23505', constraint: 'uq_firms_bin' }));
    expect(classify(unique)).toMatchObject({ status: 409, code: 'conflict', extensions: { constraint: 'uq_firms_bin' } });
    const check = new QueryFailedError('INSERT', [], Object.assign(new Error('chk'), { code: '23514' }));
    expect(classify(check)).toMatchObject({ status: 422, code: 'constraint-violation' });
  });

  it('gives Fastify\'s own errors a code and a message in every language, also when Nest wraps them', () => {
    const tooLarge = Object.assign(new Error('Request body is too large'), { statusCode: 413, code: 'FST_ERR_CTP_BODY_TOO_LARGE' });
    const classified = classify(tooLarge, { BODY_LIMIT_BYTES: 65536 });
    expect(classified).toMatchObject({ status: 413, code: 'content-too-large' });
    expect((classified?.detail as Localised).texts).toEqual({
      en: 'The body is larger than the 65536 bytes allowed.',
      ru: 'Тело запроса больше допустимых 65536 байт.',
      kk: 'Сұрау денесі рұқсат етілген 65536 байттан үлкен.',
    });
    const media = Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE', name: 'FastifyError' });
    const wrapped = new HttpException(media.message, 415, { cause: media });
    expect(classify(wrapped)).toMatchObject({ status: 415, code: 'unsupported-media-type' });
    expect(String(classify(wrapped)?.detail)).toBe('This route takes a JSON body: send it with Content-Type: application/json.');
  });

  it('keeps any other 4xx a plugin raises, with its status', () => {
    expect(classify(Object.assign(new Error('Nope'), { statusCode: 418 }))).toMatchObject({ status: 418, code: 'client-error' });
  });

  it('leaves anything else unclassified (a 500 that leaks nothing)', () => {
    expect(classify(new Error('secret connection string'))).toBeNull();
    expect(classify(new QueryFailedError('SELECT', [], Object.assign(new Error('x'), { code: '57P01' })))).toBeNull();
    expect(classify(Object.assign(new Error('boom'), { statusCode: 502 }))).toBeNull();
  });
});
