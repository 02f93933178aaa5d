// Format and check-digit validation for the identifiers a firm carries: BIN, LEI, AFSA licence numbers, DEMO- ids.

/**
 * The prefix every made-up identifier in demo data carries, so a demo value can never be mistaken for an official one.
 */
export const DEMO_PREFIX = 'DEMO-';

const BIN_WEIGHTS_FIRST = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11] as const;
const BIN_WEIGHTS_SECOND = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2] as const;

// `\d` would do in a non-unicode regex, but spelling out 0-9 keeps Arabic-Indic and full-width digits out even if
// someone adds the `u` flag later.
const ELEVEN_DIGITS = /^[0-9]{11}$/;
const TWELVE_DIGITS = /^[0-9]{12}$/;
const LEI_SHAPE = /^[A-Z0-9]{18}[0-9]{2}$/;
const DEMO_SHAPE = /^DEMO-[A-Z0-9][A-Z0-9-]{0,60}$/;
// Runs of upper-case letters and digits joined by exactly one separator: no leading, trailing or doubled separators.
const LICENCE_SHAPE = /^[A-Z0-9]+(?:[-/.][A-Z0-9]+)*$/;

function weightedMod11(digits: readonly number[], weights: readonly number[]): number {
  let sum = 0;
  for (let i = 0; i < weights.length; i += 1) sum += digits[i]! * weights[i]!;
  return sum % 11;
}

/**
 * The twelfth digit of a BIN (or IIN) computed from the first eleven, or null when the number cannot be valid
 * (both weighted sums come out as 10, so no digit can satisfy the check).
 * Throws a RangeError when given anything but exactly 11 ASCII digits: that is a programming error, not bad data.
 */
export function binCheckDigit(first11: string): number | null {
  if (!ELEVEN_DIGITS.test(first11)) {
    throw new RangeError(`binCheckDigit expects exactly 11 ASCII digits, got ${JSON.stringify(first11)}`);
  }
  const digits = Array.from(first11, Number);
  const first = weightedMod11(digits, BIN_WEIGHTS_FIRST);
  if (first !== 10) return first;
  const second = weightedMod11(digits, BIN_WEIGHTS_SECOND);
  return second === 10 ? null : second;
}

/** Exactly 12 ASCII digits whose last digit is the check digit of the first eleven. */
export function isValidBin(value: string): boolean {
  if (!TWELVE_DIGITS.test(value)) return false;
  const expected = binCheckDigit(value.slice(0, 11));
  return expected !== null && expected === Number(value[11]);
}

/**
 * ISO 17442 LEI: 18 upper-case alphanumerics and 2 check digits, valid under ISO 7064 MOD 97-10 (letters count as
 * A=10 .. Z=35, and the whole number is 1 mod 97). Lower case is rejected rather than folded: GLEIF publishes upper
 * case only, and a stored identifier should be stored the way its issuer writes it.
 */
export function isValidLei(value: string): boolean {
  if (!LEI_SHAPE.test(value)) return false;
  // Reducing piecewise keeps every intermediate far below 2^53, so plain numbers suffice (no BigInt).
  let remainder = 0;
  for (const ch of value) {
    const code = ch.charCodeAt(0);
    const n = code >= 65 ? code - 55 : code - 48;
    remainder = (remainder * (n >= 10 ? 100 : 10) + n) % 97;
  }
  return remainder === 1;
}

/** A made-up identifier for demo data: `DEMO-` then an upper-case alphanumeric and up to 60 more (hyphens allowed). */
export function isDemoIdentifier(value: string): boolean {
  return DEMO_SHAPE.test(value);
}

/**
 * Permissive shape check for a licence number, AFSA's (`AFSA-A-LA-2023-0005`) or another regulator's.
 * AFSA does not document what the letter or the parts mean, so this deliberately checks the shape and nothing else.
 */
export function isPlausibleLicenceNumber(value: string): boolean {
  if (isDemoIdentifier(value)) return true;
  return value.length >= 3 && value.length <= 64 && LICENCE_SHAPE.test(value);
}

/** 12 ASCII digits, whatever the check digit says (telling a mistyped BIN from something that is no BIN at all). */
export function hasBinShape(value: string): boolean {
  return TWELVE_DIGITS.test(value);
}

/** 18 upper-case alphanumerics and 2 digits, whatever the check digits say. */
export function hasLeiShape(value: string): boolean {
  return LEI_SHAPE.test(value);
}

export function isValidBinOrDemo(value: string): boolean {
  return isValidBin(value) || isDemoIdentifier(value);
}

export function isValidLeiOrDemo(value: string): boolean {
  return isValidLei(value) || isDemoIdentifier(value);
}
