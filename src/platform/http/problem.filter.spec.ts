import { describe, expect, it } from '@jest/globals';
import { HttpException, NotFoundException, PayloadTooLargeException } from '@nestjs/common';
import { QueryFailedError, QueryRunnerAlreadyReleasedError, QueryRunnerProviderAlreadyReleasedError } from 'typeorm';
import { classify } from './problem.filter.js';
import type { Localised } from '../i18n/translate.js';
import { DomainError, ValidationProblem } from './problem.js';
import { ResponseTimeoutError } from './request-deadline.js';

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
    expect(classify(new QueryFailedError('SELECT', [], Object.assign(new Error('x'), { code: '42P01' })))).toBeNull();
    expect(classify(Object.assign(new Error('boom'), { statusCode: 502 }))).toBeNull();
  });

  const failed = (code: string, message = 'x') => new QueryFailedError('UPDATE', [], Object.assign(new Error(message), { code }));

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }), 'database-unavailable', '5'],
    ['every address refusing', new AggregateError([Object.assign(new Error('x'), { code: 'ECONNREFUSED' })], ''), 'database-unavailable', '5'],
    ['a reset connection', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 'database-unavailable', '5'],
    ['a connection dropped mid-query', failed('', 'Connection terminated unexpectedly'), 'database-unavailable', '5'],
    ['a connection lost between two statements of a transaction', new QueryRunnerAlreadyReleasedError(), 'database-unavailable', '5'],
    ['a manager query on a transaction whose connection was lost', new QueryRunnerProviderAlreadyReleasedError(), 'database-unavailable', '5'],
    ['an administrator shutting PostgreSQL down', failed('57P01'), 'database-unavailable', '5'],
    ['a server starting up', failed('57P03'), 'database-unavailable', '5'],
    ['too many clients', failed('53300'), 'database-unavailable', '5'],
    ['a connection exception', failed('08006'), 'database-unavailable', '5'],
    ['a statement timeout', failed('57014', 'canceling statement due to statement timeout'), 'database-timeout', '5'],
    ['a lock timeout', failed('55P03', 'canceling statement due to lock timeout'), 'database-timeout', '5'],
    ['no free connection in the pool', new Error('timeout exceeded when trying to connect'), 'database-timeout', '5'],
    ['a connection that never completed', new Error('Connection terminated due to connection timeout', { cause: new Error('timeout expired') }), 'database-timeout', '5'],
    ['a database that said nothing', failed('KZR_DATABASE_UNRESPONSIVE', 'The database did not answer within 2000 ms'), 'database-timeout', '5'],
    ['a read-only transaction', failed('25006', 'cannot execute UPDATE in a read-only transaction'), 'database-read-only', '30'],
    ['a full disk', failed('53100', 'could not extend file "pg_tblspc/16390/PG_18_202506291/16384/16400": No space left on device'), 'database-full', '60'],
  ])('answers %s with 503 %s and Retry-After, never a 500', (_what, error, code, retryAfter) => {
    expect(classify(error)).toMatchObject({ status: 503, code, headers: { 'retry-after': retryAfter } });
  });

  it('says how long a request may take when it outlasts HTTP_REQUEST_TIMEOUT_MS', () => {
    const classified = classify(new ResponseTimeoutError(2000));
    expect(classified).toMatchObject({ status: 503, code: 'response-timeout', headers: { 'retry-after': '5' } });
    expect(String(classified?.detail)).toMatch(/^The request was not answered within 2 s: retry it\./);
  });
});
