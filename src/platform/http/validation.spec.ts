import { describe, expect, it } from '@jest/globals';
import { type ValidationError } from '@nestjs/common';
import { ArrayMaxSize, getMetadataStorage, IsIn, IsString, MaxLength, validate } from 'class-validator';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Localised } from '../i18n/translate.js';
import { flattenValidationErrors, isTranslatedConstraint } from './validation.js';

class Sample {
  @IsIn(['domain', 'url'])
  kind: unknown;

  @IsString({ each: true })
  @MaxLength(5, { each: true })
  @ArrayMaxSize(2)
  brands: unknown;
}

async function problemsOf(value: Partial<Record<keyof Sample, unknown>>) {
  const sample = Object.assign(new Sample(), value);
  const errors = (await validate(sample, { validationError: { target: true } })) as ValidationError[];
  return flattenValidationErrors(errors).map((p) => ({ field: p.field, messages: p.messages.map((m) => (m as Localised).texts) }));
}

describe('flattenValidationErrors', () => {
  it('writes each constraint in kk, ru and en with its own arguments', async () => {
    expect(await problemsOf({ kind: 'mx', brands: [] })).toEqual([
      {
        field: 'kind',
        messages: [
          {
            en: 'kind must be one of the following values: domain, url',
            ru: 'kind: должно быть одним из значений: domain, url',
            kk: 'kind: мына мәндердің бірі болуы керек: domain, url',
          },
        ],
      },
    ]);
  });

  it('says "each value in" for a constraint on every item', async () => {
    const [problem] = await problemsOf({ kind: 'url', brands: ['toolong'] });
    expect(problem).toEqual({
      field: 'brands',
      messages: [
        {
          en: 'each value in brands must be shorter than or equal to 5 characters',
          ru: 'каждое значение в brands: должно содержать не больше 5 символов',
          kk: 'brands ішіндегі әр мән: 5 таңбадан аспауы керек',
        },
      ],
    });
  });
});

/** Every class exported by a `*.dto.ts` of src/. */
async function dtoClasses(): Promise<Function[]> {
  const root = join(import.meta.dirname, '../..');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.dto.ts'));
  expect(files.length).toBeGreaterThan(5);
  // One at a time: jest's ESM loader, linking many modules at once, can ask for a shared dependency
  // (reflect-metadata) before it has cached it ("request ... is not in cache").
  const modules: unknown[] = [];
  for (const f of files) modules.push(await import(join(root, f)));
  return modules.flatMap((m) => Object.values(m as Record<string, unknown>)).filter((v): v is Function => typeof v === 'function');
}

describe('the catalogue of constraint messages', () => {
  it('translates every constraint the DTOs of the API use', async () => {
    const names = new Set<string>();
    for (const dto of await dtoClasses()) {
      for (const m of getMetadataStorage().getTargetValidationMetadatas(dto, '', true, false)) {
        // Conditions (IsOptional, ValidateIf) and nesting produce no message of their own.
        if (m.type === 'conditionalValidation' || m.type === 'nestedValidation') continue;
        names.add(m.name ?? m.type);
      }
    }
    expect(names.size).toBeGreaterThan(10);
    expect([...names].filter((name) => !isTranslatedConstraint(name))).toEqual([]);
  });
});
