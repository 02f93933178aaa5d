// Free text from operators is stored in one Unicode form, so NFC and NFD spellings of a name are the same name.
import { Transform } from 'class-transformer';

/** NFC, trimmed: the one stored form of a name or other free text. */
export function normaliseText(value: string): string {
  return value.normalize('NFC').trim();
}

/**
 * Normalises a string, or each string of an array, to NFC and trims it, before validation (so length limits count
 * what is stored). Anything else is left for the validators to refuse.
 */
export function NormalisedText(): PropertyDecorator {
  return Transform(({ value }: { value: unknown }) => {
    if (typeof value === 'string') return normaliseText(value);
    if (Array.isArray(value)) return value.map((item: unknown) => (typeof item === 'string' ? normaliseText(item) : item));
    return value;
  });
}
