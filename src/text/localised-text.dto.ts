// Localised texts over HTTP: how operators write them (a plain string is the English text) and how everyone reads them.
import { applyDecorators } from '@nestjs/common';
import { ApiProperty, getSchemaPath } from '@nestjs/swagger';
import { plainToInstance, Transform } from 'class-transformer';
import { IsDefined, IsOptional, IsString, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { NormalisedText } from '../platform/i18n/free-text.js';
import type { LocalisedTextInput } from './localised-text.js';

/** Longest version of a localised text, in any language. */
export const MAX_LOCALISED_TEXT_LENGTH = 500;

/** The article AFSA's warning cites, as the examples' text. */
export const EXAMPLE_LAW = {
  en: 'Law of the Republic of Kazakhstan "On Digital Assets", Art. 11(5)',
  ru: 'Закон Республики Казахстан «О цифровых активах в Республике Казахстан», пункт 5 статьи 11',
  kk: '«Қазақстан Республикасындағы цифрлық активтер туралы» Қазақстан Республикасының Заңы, 11-баптың 5-тармағы',
};

export class LocalisedTextInputDto {
  /** Required: the fallback for every language. */
  @ApiProperty({ example: EXAMPLE_LAW.en })
  @NormalisedText()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LOCALISED_TEXT_LENGTH)
  en: string;

  @ApiProperty({ required: false, nullable: true, example: EXAMPLE_LAW.ru })
  @IsOptional()
  @NormalisedText()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LOCALISED_TEXT_LENGTH)
  ru?: string | null;

  @ApiProperty({ required: false, nullable: true, example: EXAMPLE_LAW.kk })
  @IsOptional()
  @NormalisedText()
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_LOCALISED_TEXT_LENGTH)
  kk?: string | null;
}

export class LocalisedTextDto {
  /** Always present; the fallback where a language is missing. */
  @ApiProperty({ example: EXAMPLE_LAW.en })
  en: string;
  /** null where the record has no Russian version. */
  @ApiProperty({ nullable: true, type: String, example: EXAMPLE_LAW.ru })
  ru: string | null;
  /** null where the record has no Kazakh version. */
  @ApiProperty({ nullable: true, type: String, example: EXAMPLE_LAW.kk })
  kk: string | null;
}

/**
 * A localised text in an operator's request: `{ "en": ..., "ru": ..., "kk": ... }` (English required), or a plain
 * string meaning the English text alone. A controller using it registers LocalisedTextInputDto with ApiExtraModels.
 */
export function LocalisedTextField(options: { optional?: boolean; description: string; example: LocalisedTextInput }): PropertyDecorator {
  return applyDecorators(
    ApiProperty({
      required: !options.optional,
      example: options.example,
      description: `${options.description} In kk, ru and en (en required); a plain string is the English text alone.`,
      // An optional text can also be cleared with null (OpenAPI 3.0 cannot mark a $ref nullable, so the string says it).
      oneOf: [
        { type: 'string', minLength: 1, maxLength: MAX_LOCALISED_TEXT_LENGTH, ...(options.optional ? { nullable: true } : {}) },
        { $ref: getSchemaPath(LocalisedTextInputDto) },
      ],
    }),
    Transform(({ value }: { value: unknown }) => {
      if (typeof value === 'string') return plainToInstance(LocalisedTextInputDto, { en: value });
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return plainToInstance(LocalisedTextInputDto, value);
      return value;
    }),
    options.optional ? IsOptional() : IsDefined(),
    ValidateNested(),
  );
}
