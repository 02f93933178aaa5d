// Validators for the exact lookups on /v1/firms: each refuses a malformed value with a message naming its field.
import { ValidateBy } from 'class-validator';
import { CanonicaliseError, canonicaliseDomain } from '../domain-names/canonicalise.js';
import { hasBinShape, hasLeiShape, isDemoIdentifier, isPlausibleLicenceNumber, isValidBin, isValidBinOrDemo, isValidLei, isValidLeiOrDemo } from './identifiers.js';

function validator(name: string, test: (value: string) => boolean, message: (value: string) => string): PropertyDecorator {
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value === 'string' && test(value),
      defaultMessage: (args) => (typeof args?.value === 'string' ? message(args.value) : `${args?.property} must be a single string`),
    },
  });
}

export function IsBinOrDemo(): PropertyDecorator {
  return validator('isBinOrDemo', isValidBinOrDemo, () => 'bin must be 12 digits with a valid check digit, or DEMO-...');
}

export function IsLeiOrDemo(): PropertyDecorator {
  return validator('isLeiOrDemo', isValidLeiOrDemo, () => 'lei must be an ISO 17442 LEI (20 characters) with valid check digits, or DEMO-...');
}

export function IsLicenceNumber(): PropertyDecorator {
  return validator(
    'isLicenceNumber',
    isPlausibleLicenceNumber,
    () => 'licenceNumber must be 3-64 upper-case letters and digits joined by - / . (e.g. AFSA-A-LA-2023-0005), or DEMO-...',
  );
}

function domainProblem(value: string): string | null {
  try {
    canonicaliseDomain(value);
    return null;
  } catch (error) {
    if (error instanceof CanonicaliseError) return error.message;
    throw error;
  }
}

export function IsDomainName(): PropertyDecorator {
  return validator('isDomainName', (value) => domainProblem(value) === null, (value) => `domain must be a domain name: ${domainProblem(value)}`);
}

/**
 * Verification's BIN: two constraints, so a bank hears which mistake it made. The shape (12 digits, or DEMO-... for a
 * demo record) first; then, only for 12 digits, the check digit.
 */
export function IsBinShape(): PropertyDecorator {
  return validator('isBinShape', (v) => hasBinShape(v) || isDemoIdentifier(v), () => 'bin must be 12 digits (or DEMO-... for a demo record)');
}

export function HasBinCheckDigit(): PropertyDecorator {
  return validator('binCheckDigit', (v) => !hasBinShape(v) || isValidBin(v), () => 'bin: the check digit is wrong (the 12th digit does not follow from the first 11)');
}

/** Verification's LEI: the ISO 17442 shape first; then, only for that shape, the MOD 97-10 check digits. */
export function IsLeiShape(): PropertyDecorator {
  return validator('isLeiShape', (v) => hasLeiShape(v) || isDemoIdentifier(v), () => 'lei must be 18 upper-case letters or digits and 2 check digits (or DEMO-...)');
}

export function HasLeiCheckDigits(): PropertyDecorator {
  return validator('leiCheckDigits', (v) => !hasLeiShape(v) || isValidLei(v), () => 'lei: the check digits are wrong (ISO 7064 MOD 97-10)');
}
