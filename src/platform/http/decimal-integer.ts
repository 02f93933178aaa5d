// A whole number in a URL (a serial, a wait): decimal digits only, as a person or a script writes it, so that one value
// has one spelling. `Number()` would read "" as 0, "0x2" as 2 and "1e3" as 1000, and give an immutable object many URLs.
import { Transform } from 'class-transformer';
import { ValidateBy } from 'class-validator';

const DECIMAL = /^(0|[1-9][0-9]*)$/;

/** The number `text` spells in decimal digits (no sign, spaces, leading zeros, exponent), or null. */
export function parseDecimalInteger(text: unknown): number | null {
  if (typeof text !== 'string' || !DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isSafeInteger(value) ? value : null;
}

/**
 * A query or path parameter that is a whole number from `min` to `max`, written in decimal digits only: anything else
 * (empty, whitespace, `1e3`, `0x2`, `+2`, `02`, `2.0`, a repeated parameter) is one message naming the field.
 */
export function IsDecimalInteger(min = 0, max = Number.MAX_SAFE_INTEGER): PropertyDecorator {
  const parse = Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? value : (parseDecimalInteger(value) ?? value)));
  const check = ValidateBy({
    name: 'isDecimalInteger',
    constraints: [min, max],
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max,
      defaultMessage: (args) => `${args?.property} must be a whole number from ${min} to ${max} in decimal digits, without a sign, spaces or leading zeros`,
    },
  });
  return (target, key) => {
    parse(target, key);
    check(target, key);
  };
}
