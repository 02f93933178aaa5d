// class-validator errors flattened into one entry per field, so a client can show each message beside its input, with
// each message produced per constraint in kk, ru and en (from the constraint's own arguments, not by rewording
// class-validator's English).
import { type ArgumentMetadata, ValidationPipe, type ValidationError } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';
import { type Catalogue, localise, type Localised, type Text } from '../i18n/translate.js';
import { PLATFORM_MESSAGES } from './problem-messages.js';
import { type FieldProblem, ValidationProblem } from './problem.js';

type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** `{subject}` is the field (or "each value in" it); `{0}`, `{1}` are the constraint's arguments. */
export const CONSTRAINT_MESSAGES = {
  isString: { en: '{subject} must be a string', ru: '{subject}: должно быть строкой', kk: '{subject}: мәтін (жол) болуы керек' },
  isInt: { en: '{subject} must be an integer number', ru: '{subject}: должно быть целым числом', kk: '{subject}: бүтін сан болуы керек' },
  isNumber: { en: '{subject} must be a number', ru: '{subject}: должно быть числом', kk: '{subject}: сан болуы керек' },
  isBoolean: { en: '{subject} must be a boolean value', ru: '{subject}: должно быть true или false', kk: '{subject}: true немесе false болуы керек' },
  min: { en: '{subject} must not be less than {0}', ru: '{subject}: не должно быть меньше {0}', kk: '{subject}: {0} мәнінен кем болмауы керек' },
  max: { en: '{subject} must not be greater than {0}', ru: '{subject}: не должно быть больше {0}', kk: '{subject}: {0} мәнінен аспауы керек' },
  minLength: {
    en: '{subject} must be longer than or equal to {0} characters',
    ru: '{subject}: должно содержать не меньше {0} символов',
    kk: '{subject}: кемінде {0} таңбадан тұруы керек',
  },
  maxLength: {
    en: '{subject} must be shorter than or equal to {0} characters',
    ru: '{subject}: должно содержать не больше {0} символов',
    kk: '{subject}: {0} таңбадан аспауы керек',
  },
  isIn: {
    en: '{subject} must be one of the following values: {0}',
    ru: '{subject}: должно быть одним из значений: {0}',
    kk: '{subject}: мына мәндердің бірі болуы керек: {0}',
  },
  isEnum: {
    en: '{subject} must be one of the following values: {0}',
    ru: '{subject}: должно быть одним из значений: {0}',
    kk: '{subject}: мына мәндердің бірі болуы керек: {0}',
  },
  isUuid: { en: '{subject} must be a UUID', ru: '{subject}: должно быть UUID', kk: '{subject}: UUID болуы керек' },
  isUrl: { en: '{subject} must be a URL address', ru: '{subject}: должно быть URL-адресом', kk: '{subject}: URL мекенжайы болуы керек' },
  isDate: { en: '{subject} must be a Date instance', ru: '{subject}: должно быть датой', kk: '{subject}: күн болуы керек' },
  isIso8601: {
    en: '{subject} must be a valid ISO 8601 date string',
    ru: '{subject}: должно быть датой в формате ISO 8601',
    kk: '{subject}: ISO 8601 пішіміндегі күн болуы керек',
  },
  minDate: {
    en: 'minimal allowed date for {subject} is {0}',
    ru: '{subject}: дата не должна быть раньше {0}',
    kk: '{subject}: күн {0} күнінен ерте болмауы керек',
  },
  maxDate: {
    en: 'maximal allowed date for {subject} is {0}',
    ru: '{subject}: дата не должна быть позже {0}',
    kk: '{subject}: күн {0} күнінен кеш болмауы керек',
  },
  matches: {
    en: '{subject} must match {0} regular expression',
    ru: '{subject}: должно соответствовать регулярному выражению {0}',
    kk: '{subject}: {0} тұрақты өрнегіне сәйкес келуі керек',
  },
  isArray: { en: '{subject} must be an array', ru: '{subject}: должно быть массивом', kk: '{subject}: массив болуы керек' },
  arrayMinSize: {
    en: '{subject} must contain at least {0} elements',
    ru: '{subject}: должно содержать не меньше {0} элементов',
    kk: '{subject}: кемінде {0} элементтен тұруы керек',
  },
  arrayMaxSize: {
    en: '{subject} must contain no more than {0} elements',
    ru: '{subject}: должно содержать не больше {0} элементов',
    kk: '{subject}: {0} элементтен аспауы керек',
  },
  arrayUnique: {
    en: "All {subject}'s elements must be unique",
    ru: '{subject}: элементы не должны повторяться',
    kk: '{subject}: элементтер қайталанбауы керек',
  },
  isNotEmpty: { en: '{subject} should not be empty', ru: '{subject}: не должно быть пустым', kk: '{subject}: бос болмауы керек' },
  isDefined: {
    en: '{subject} should not be null or undefined',
    ru: '{subject}: обязательное поле',
    kk: '{subject}: міндетті өріс',
  },
  isObject: { en: '{subject} must be an object', ru: '{subject}: должно быть объектом', kk: '{subject}: объект болуы керек' },
  nestedValidation: {
    en: 'nested property {subject} must be either object or array',
    ru: '{subject}: должно быть объектом или массивом',
    kk: '{subject}: объект немесе массив болуы керек',
  },
  whitelistValidation: {
    en: 'property {subject} should not exist',
    ru: 'поле {subject} не предусмотрено',
    kk: '{subject} өрісі қарастырылмаған',
  },
  // The exact lookups on /v1/firms (firms/lookup-validators.ts, firms.dto.ts).
  isBinOrDemo: {
    en: '{subject} must be 12 digits with a valid check digit, or DEMO-...',
    ru: '{subject}: должно состоять из 12 цифр с верной контрольной цифрой или начинаться с DEMO-',
    kk: '{subject}: бақылау цифры дұрыс 12 цифрдан тұруы немесе DEMO- деп басталуы керек',
  },
  isLeiOrDemo: {
    en: '{subject} must be an ISO 17442 LEI (20 characters) with valid check digits, or DEMO-...',
    ru: '{subject}: должно быть кодом LEI по ISO 17442 (20 знаков) с верными контрольными цифрами или начинаться с DEMO-',
    kk: '{subject}: бақылау цифрлары дұрыс ISO 17442 LEI коды (20 таңба) болуы немесе DEMO- деп басталуы керек',
  },
  isLicenceNumber: {
    en: '{subject} must be 3-64 upper-case letters and digits joined by - / . (e.g. AFSA-A-LA-2023-0005), or DEMO-...',
    ru: '{subject}: 3-64 заглавные латинские буквы и цифры, соединённые - / . (например, AFSA-A-LA-2023-0005), или DEMO-...',
    kk: '{subject}: - / . арқылы біріктірілген 3-64 бас латын әрпі мен цифр (мысалы, AFSA-A-LA-2023-0005) немесе DEMO-...',
  },
  // Bank verification's identifiers (firms/lookup-validators.ts): which mistake, not only that there is one.
  isBinShape: {
    en: '{subject} must be 12 digits (or DEMO-... for a demo record)',
    ru: '{subject}: должно состоять из 12 цифр (или начинаться с DEMO- для демонстрационной записи)',
    kk: '{subject}: 12 цифрдан тұруы керек (немесе демо жазба үшін DEMO- деп басталуы керек)',
  },
  binCheckDigit: {
    en: '{subject}: the check digit is wrong (the 12th digit does not follow from the first 11); check the number for a typo',
    ru: '{subject}: неверная контрольная цифра (12-я цифра не соответствует первым 11); проверьте номер на опечатку',
    kk: '{subject}: бақылау цифры қате (12-ші цифр алғашқы 11 цифрға сәйкес келмейді); нөмірді қатеге тексеріңіз',
  },
  isLeiShape: {
    en: '{subject} must be an ISO 17442 LEI: 18 upper-case letters or digits and 2 check digits (or DEMO-...)',
    ru: '{subject}: должно быть кодом LEI по ISO 17442: 18 заглавных латинских букв или цифр и 2 контрольные цифры (или DEMO-...)',
    kk: '{subject}: ISO 17442 LEI коды болуы керек: 18 бас латын әрпі немесе цифр және 2 бақылау цифры (немесе DEMO-...)',
  },
  leiCheckDigits: {
    en: '{subject}: the check digits are wrong (ISO 7064 MOD 97-10); check the code for a typo',
    ru: '{subject}: неверные контрольные цифры (ISO 7064 MOD 97-10); проверьте код на опечатку',
    kk: '{subject}: бақылау цифрлары қате (ISO 7064 MOD 97-10); кодты қатеге тексеріңіз',
  },
  // Its English names the reason (canonicalise's own words, English only).
  isDomainName: {
    en: '{english}',
    ru: '{subject}: должно быть доменным именем',
    kk: '{subject}: домендік атау болуы керек',
  },
  replacedByLicensingStatus: {
    en: '{subject} is no longer accepted: use licensingStatus (licensed, suspended, not-licensed), the firm\'s current standing',
    ru: '{subject} больше не принимается: используйте licensingStatus (licensed, suspended, not-licensed), текущий статус компании',
    kk: '{subject} енді қабылданбайды: компанияның қазіргі мәртебесі бойынша licensingStatus (licensed, suspended, not-licensed) сүзгісін қолданыңыз',
  },
  replacedByCursor: {
    en: '{subject} is no longer accepted: follow nextCursor (cursor=...), which pins every page to one serial, so no entry is missed or seen twice',
    ru: '{subject} больше не принимается: переходите по nextCursor (cursor=...), который закрепляет все страницы за одним серийным номером, поэтому ни одна запись не будет пропущена или показана дважды',
    kk: '{subject} енді қабылданбайды: nextCursor (cursor=...) бойынша жүріңіз, ол барлық беттерді бір сериялық нөмірге бекітеді, сондықтан бірде-бір жазба өткізілмейді немесе екі рет көрсетілмейді',
  },
  // Serials and waits in URLs (platform/http/decimal-integer.ts): one spelling per number.
  isDecimalInteger: {
    en: '{subject} must be a whole number from {0} to {1} in decimal digits, without a sign, spaces or leading zeros',
    ru: '{subject}: должно быть целым числом от {0} до {1}, записанным десятичными цифрами без знака, пробелов и ведущих нулей',
    kk: '{subject}: {0} мен {1} аралығындағы, ондық цифрлармен таңбасыз, бос орынсыз және алдыңғы нөлдерсіз жазылған бүтін сан болуы керек',
  },
  isDeltaFileName: {
    en: '{subject} must be N-M.json or N-M.json.sig, N and M serials in decimal digits without leading zeros',
    ru: '{subject}: должно иметь вид N-M.json или N-M.json.sig, где N и M — серийные номера десятичными цифрами без ведущих нулей',
    kk: '{subject}: N-M.json немесе N-M.json.sig түрінде болуы керек, мұнда N мен M — алдыңғы нөлдерсіз ондық цифрлармен жазылған сериялық нөмірлер',
  },
  unknownValue: {
    en: 'an unknown value was passed to the validate function',
    ru: 'передано значение неизвестного вида',
    kk: 'белгісіз түрдегі мән берілді',
  },
} satisfies Catalogue<string>;

export type ConstraintName = keyof typeof CONSTRAINT_MESSAGES;

const SUBJECTS: Catalogue<'field' | 'each'> = {
  field: { en: '{property}', ru: '{property}', kk: '{property}' },
  each: { en: 'each value in {property}', ru: 'каждое значение в {property}', kk: '{property} ішіндегі әр мән' },
};

export function isTranslatedConstraint(name: string): name is ConstraintName {
  return Object.hasOwn(CONSTRAINT_MESSAGES, name);
}

function argument(value: unknown): string {
  if (Array.isArray(value)) return value.map(argument).join(', ');
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** The decorator behind a failed constraint of `error` (its arguments, `each`), looked up in class-validator's registry. */
function metadataOf(error: ValidationError, constraint: string): ValidationMetadata | undefined {
  const target = error.target?.constructor;
  if (!target || target === Object || target === Array) return undefined;
  return getMetadataStorage()
    .getTargetValidationMetadatas(target, '', true, false)
    .find((m) => m.propertyName === error.property && (m.name ?? m.type) === constraint);
}

/** The message of a failed `constraint` of `property` in every language, from the constraint's arguments. */
export function fieldMessage(constraint: ConstraintName, property: string, args: readonly unknown[] = [], options: { each?: boolean; english?: string } = {}): Localised {
  const subject = localise(SUBJECTS, options.each ? 'each' : 'field', { property });
  const params = Object.fromEntries(args.map((value, i) => [String(i), argument(value)]));
  return localise(CONSTRAINT_MESSAGES, constraint, { subject, english: options.english ?? '', ...params });
}

/** One failed constraint in every language; a constraint the catalogue lacks keeps class-validator's English. */
export function constraintMessage(error: ValidationError, constraint: string, english: string): Text {
  if (!isTranslatedConstraint(constraint)) return english;
  const metadata = metadataOf(error, constraint);
  return fieldMessage(constraint, error.property, metadata?.constraints ?? [], { each: metadata?.each, english });
}

export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints
      ? [{ field, messages: Object.entries(error.constraints).map(([name, english]) => constraintMessage(error, name, english)) }]
      : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** Names of the query parameters a query DTO declares. */
function declaredProperties(metatype: ArgumentMetadata['metatype']): Set<string> {
  if (!metatype) return new Set();
  return new Set(getMetadataStorage().getTargetValidationMetadatas(metatype, '', true, false).map((m) => m.propertyName));
}

/**
 * `?q=https://x.example/a?b=1&c=2` unencoded: the link's own `&` ends `q`, and `c` arrives as a parameter of its own.
 * Say so (encode `q`) instead of "property c should not exist".
 */
export function explainUnencodedQuery(
  problem: ValidationProblem,
  query: unknown,
  metatype: ArgumentMetadata['metatype'],
): ValidationProblem | null {
  if (!query || typeof query !== 'object') return null;
  const declared = declaredProperties(metatype);
  const entries = Object.entries(query as Record<string, unknown>);
  const owner = entries.find(([name, value]) => declared.has(name) && typeof value === 'string' && /\?|:\/\//.test(value))?.[0];
  const strays = entries.map(([name]) => name).filter((name) => !declared.has(name));
  if (!owner || strays.length === 0) return null;
  const errors = problem.errors.map((e) =>
    strays.includes(e.field)
      ? { field: e.field, messages: [localise(PLATFORM_MESSAGES, 'query-not-encoded-field', { field: e.field, owner })] }
      : e,
  );
  const detail: Localised = localise(PLATFORM_MESSAGES, 'query-not-encoded', { owner, params: strays.join(', ') });
  return new ValidationProblem(errors, detail, 'query-not-encoded');
}

type HandCheck = (value: unknown) => unknown;
const HAND_CHECKS = new WeakMap<object, HandCheck>();

/**
 * Class decorator: the global pipe checks the input of this class with `check` instead of class-transformer and
 * class-validator, for the one input on the hot path (the check's query): their walk of metadata was 8 % of a
 * check's CPU in issue 9's profile. The class keeps its class-validator decorators, which describe it in OpenAPI and
 * against which its spec holds `check` (the same problems with the same messages, input by input). `check` returns
 * the value or throws a ValidationProblem built with `fieldMessage`; an unencoded link is explained as for any query.
 */
export function HandChecked(check: HandCheck): ClassDecorator {
  return (target) => {
    HAND_CHECKS.set(target, check);
  };
}

/** The global pipe: whitelist, transform, one problem listing every bad field, messages in kk/ru/en. */
export class RegistryValidationPipe extends ValidationPipe {
  constructor() {
    super({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      forbidUnknownValues: true,
      stopAtFirstError: false,
      // The target (the object the field is in) is how a message finds its constraint's arguments; it never leaves
      // the process (the problem lists fields and messages only).
      validationError: { target: true },
      exceptionFactory: (errors) => new ValidationProblem(flattenValidationErrors(errors)),
    });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    try {
      const check = metadata.metatype && HAND_CHECKS.get(metadata.metatype);
      return check ? check(value) : await super.transform(value, metadata);
    } catch (error) {
      if (metadata.type === 'query' && error instanceof ValidationProblem) {
        throw explainUnencodedQuery(error, value, metadata.metatype) ?? error;
      }
      throw error;
    }
  }
}

export function createValidationPipe(): ValidationPipe {
  return new RegistryValidationPipe();
}
