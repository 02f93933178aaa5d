// Keys named after a member of Object.prototype (`__proto__`, `constructor`, `toString`, `hasOwnProperty`, ...) in a
// body or a query are refused like any other property no DTO declares: "property constructor should not exist".
// Without this, class-validator let them through silently (its whitelist looks the name up in a plain object, where
// `constructor` is found on the prototype), class-transformer dropped them, and the request succeeded as if they had
// not been sent; `__proto__` and `constructor.prototype` were refused by the JSON parser as "not valid JSON", which
// they are. No DTO of the API has, or may have, a field of these names.
import { type FieldProblem, ValidationProblem } from './problem.js';
import { fieldMessage } from './validation.js';

const PROTOTYPE_KEYS = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Dotted paths (`source.constructor`, `entries.0.__proto__`) of every own key of `value` named after a prototype member. */
export function prototypeKeyFields(value: unknown, path: string, found: string[] = []): string[] {
  if (Array.isArray(value)) {
    value.forEach((item, i) => prototypeKeyFields(item, path ? `${path}.${i}` : String(i), found));
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const field = path ? `${path}.${key}` : key;
      if (PROTOTYPE_KEYS.has(key)) found.push(field);
      else prototypeKeyFields(item, field, found);
    }
  }
  return found;
}

/** The validation problem naming each field, as class-validator names an undeclared property; undefined: none. */
export function prototypeKeyProblem(fields: string[]): ValidationProblem | undefined {
  if (fields.length === 0) return undefined;
  const errors: FieldProblem[] = fields.map((field) => ({ field, messages: [fieldMessage('whitelistValidation', field)] }));
  return new ValidationProblem(errors);
}
