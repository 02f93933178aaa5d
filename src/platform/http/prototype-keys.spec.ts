import { describe, expect, it } from '@jest/globals';
import { prototypeKeyFields, prototypeKeyProblem } from './prototype-keys.js';

describe('prototypeKeyFields', () => {
  it('names every key that is an Object.prototype member, by its dotted path, without descending into it', () => {
    const parsed = JSON.parse('{"a":{"__proto__":{"x":1}},"constructor":{"prototype":{}},"list":[{"toString":1},{"ok":true}],"prototype":0}');
    expect(prototypeKeyFields(parsed, '')).toEqual(['a.__proto__', 'constructor', 'list.0.toString', 'prototype']);
  });

  it('ignores ordinary keys, values with those words, and non-objects', () => {
    expect(prototypeKeyFields({ name: 'constructor', tags: ['__proto__'], constructorName: 1 }, '')).toEqual([]);
    expect(prototypeKeyFields('constructor', 'body')).toEqual([]);
    expect(prototypeKeyFields(null, '')).toEqual([]);
  });
});

describe('prototypeKeyProblem', () => {
  it('is a validation problem worded as class-validator words an undeclared property', () => {
    const problem = prototypeKeyProblem(['constructor', 'a.__proto__']);
    expect(problem?.code).toBe('validation-failed');
    expect(problem?.errors.map((e) => [e.field, e.messages.map(String)])).toEqual([
      ['constructor', ['property constructor should not exist']],
      ['a.__proto__', ['property a.__proto__ should not exist']],
    ]);
    expect(prototypeKeyProblem([])).toBeUndefined();
  });
});
