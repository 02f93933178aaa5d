// The check's query is read by hand (check.dto.ts, checkQuery) instead of by class-validator: input by input, the
// hand check must give what the decorators of CheckQueryDto give through the global pipe, value or problem, message
// by message in every language.
import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { ValidationProblem } from '../platform/http/problem.js';
import type { Localised } from '../platform/i18n/translate.js';
import { RegistryValidationPipe } from '../platform/http/validation.js';
import { CheckQueryDto } from './check.dto.js';

/** Inherits the decorators but not the hand check: what class-validator and class-transformer make of the input. */
class ByDecorators extends CheckQueryDto {}

const pipe = new RegistryValidationPipe();

/** The outcome of the pipe for `query` read as `metatype`: the value, or the problem in every language. */
async function outcome(metatype: typeof CheckQueryDto, query: Record<string, unknown>) {
  // Fastify's query parser makes objects without a prototype.
  const value = Object.assign(Object.create(null) as object, query);
  try {
    return { value: { ...(await pipe.transform(value, { type: 'query', metatype })) as object } };
  } catch (error) {
    if (!(error instanceof ValidationProblem)) throw error;
    return {
      code: error.code,
      detail: (error.detail as Localised).texts,
      errors: error.errors.map((e) => ({ field: e.field, messages: e.messages.map((m) => (m as Localised).texts) })),
    };
  }
}

const INPUTS: Record<string, unknown>[] = [
  { q: 'coinbase.com' },
  { q: '  https://www.coinbase.com/login  ', lang: 'kk' },
  { q: 'x', lang: '' },
  { q: 'x', lang: 'de-DE' },
  { q: 'x', lang: null },
  { q: '' },
  { q: '   ' },
  {},
  { lang: 'ru' },
  { q: ['a', 'b'] },
  { q: ['a', 'b'], lang: ['kk', 'ru'] },
  { q: 'x', lang: ['kk', 'ru'] },
  { q: 5 },
  { q: null },
  { q: 'a'.repeat(2048) },
  { q: 'a'.repeat(2049) },
  { q: ` ${'a'.repeat(2048)} ` },
  // validator.js counts a surrogate pair as one character: 2,048 emoji are 4,096 UTF-16 units and still fit.
  { q: '😀'.repeat(2048) },
  { q: '😀'.repeat(2049) },
  { q: 'x', c: '2' },
  { c: '2' },
  { c: '2', q: '', lang: [1] },
  { q: 'https://x.example/a?b=1', c: '2', d: '' },
  { q: 'https://x.example/a?b=1', c: '2', lang: 'ru' },
  { z: '1', q: 'x', a: ['1', '2'], lang: 'kk' },
];

describe('the check query, read by hand', () => {
  it.each(INPUTS.map((input) => [JSON.stringify(input).slice(0, 80), input] as const))(
    'reads %s as its decorators do',
    async (_label, input) => {
      expect(await outcome(CheckQueryDto, input)).toEqual(await outcome(ByDecorators, input));
    },
  );

  it('returns the trimmed q and the lang as given', async () => {
    expect(await outcome(CheckQueryDto, { q: ' coinbase.com ', lang: 'KK' })).toEqual({ value: { q: 'coinbase.com', lang: 'KK' } });
  });

  it('refuses an unknown parameter named like a method of Object, which class-validator lets through', async () => {
    const input = { q: 'x', constructor: 'a', toString: 'b' };
    expect(await outcome(ByDecorators, input)).toEqual({ value: { q: 'x' } });
    expect((await outcome(CheckQueryDto, input)).errors?.map((e) => e.field)).toEqual(['constructor', 'toString']);
  });

  it('refuses a missing q with every constraint, as class-validator does', async () => {
    expect((await outcome(CheckQueryDto, {})).errors).toEqual([
      {
        field: 'q',
        messages: [
          { en: 'q must be shorter than or equal to 2048 characters', ru: 'q: должно содержать не больше 2048 символов', kk: 'q: 2048 таңбадан аспауы керек' },
          { en: 'q must be longer than or equal to 1 characters', ru: 'q: должно содержать не меньше 1 символов', kk: 'q: кемінде 1 таңбадан тұруы керек' },
          { en: 'q must be a string', ru: 'q: должно быть строкой', kk: 'q: мәтін (жол) болуы керек' },
        ],
      },
    ]);
  });
});
