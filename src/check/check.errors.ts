import { HttpStatus } from '@nestjs/common';
import { DomainError, ValidationProblem } from '../platform/http/problem.js';
import { type Catalogue, Localised, localise, translate } from '../platform/i18n/translate.js';
import { LANGUAGES, type Lang } from '../platform/i18n/languages.js';
import type { CanonicaliseError, CanonicaliseErrorCode } from '../domain-names/canonicalise.js';

export enum CheckErrorCode {
  InvalidTarget = 'invalid-target',
  Unavailable = 'check-unavailable',
}

/** Why `q` cannot be checked, for kk and ru answers (English keeps canonicalise's own, more precise words). */
const REASONS: Catalogue<CanonicaliseErrorCode | 'not-visitable'> = {
  empty: {
    en: 'Enter a domain name, URL or IP address',
    ru: 'Введите доменное имя, ссылку или IP-адрес',
    kk: 'Домендік атауды, сілтемені немесе IP мекенжайын енгізіңіз',
  },
  'too-long': {
    en: 'The input is longer than {max} characters',
    ru: 'Введено больше {max} символов',
    kk: 'Енгізілген мәтін {max} таңбадан ұзын',
  },
  'unsupported-scheme': {
    en: 'Only http and https addresses can be checked, not "{scheme}:"',
    ru: 'Проверить можно только адреса http и https, а не «{scheme}:»',
    kk: 'Тек http және https мекенжайларын тексеруге болады, «{scheme}:» емес',
  },
  'invalid-host': {
    en: 'Not a valid domain name, URL or IP address',
    ru: 'Это не доменное имя, не ссылка и не IP-адрес',
    kk: 'Бұл жарамды домендік атау, сілтеме немесе IP мекенжайы емес',
  },
  'label-too-long': {
    en: 'A part of the name is longer than {max} characters',
    ru: 'Часть имени длиннее {max} символов',
    kk: 'Атаудың бір бөлігі {max} таңбадан ұзын',
  },
  'name-too-long': {
    en: 'The name is longer than {max} characters',
    ru: 'Имя длиннее {max} символов',
    kk: 'Атау {max} таңбадан ұзын',
  },
  'hidden-character': {
    en: 'Contains a hidden character ({codePoint}): it cannot be seen, so the address may not be what it looks like',
    ru: 'Содержит скрытый символ ({codePoint}): его не видно, поэтому адрес может оказаться не тем, чем кажется',
    kk: 'Құрамында жасырын таңба бар ({codePoint}): ол көрінбейді, сондықтан мекенжай көрінгендей болмауы мүмкін',
  },
  'not-visitable': {
    en: 'q is not a domain, link or IP address a browser could visit: {reason}',
    ru: 'q — не домен, не ссылка и не IP-адрес, который мог бы открыть браузер: {reason}',
    kk: 'q — браузер аша алатын домен, сілтеме немесе IP мекенжайы емес: {reason}',
  },
};

function inEveryLanguage(render: (lang: Lang) => string): Localised {
  return new Localised(Object.fromEntries(LANGUAGES.map((lang) => [lang, render(lang)])) as Record<Lang, string>);
}

/** The input is not a domain, URL or IP a browser could visit; reported like any invalid field, on `q`. */
export class InvalidTargetError extends ValidationProblem {
  constructor(error: CanonicaliseError) {
    const reasonIn = (lang: Lang) => (lang === 'en' ? error.message : translate(REASONS, error.code, lang, error.params));
    super(
      [{ field: 'q', messages: [inEveryLanguage(reasonIn)] }],
      inEveryLanguage((lang) => translate(REASONS, 'not-visitable', lang, { reason: reasonIn(lang) })),
      CheckErrorCode.InvalidTarget,
      // The code point goes with its reason so a page can point at it: `{"reason":"hidden-character","codePoint":"U+200B"}`.
      error.code === 'hidden-character' ? { reason: error.code, codePoint: error.params.codePoint } : { reason: error.code },
    );
  }
}

const UNAVAILABLE: Catalogue<'stale' | 'not-built'> = {
  stale: {
    en: 'The check cannot reach the registry database and its copy of the registry (serial {serial}) was last known current {age} seconds ago, longer than it may answer from (CHECK_MAX_STALENESS_SECONDS). Try again later.',
    ru: 'Проверка не может связаться с базой данных реестра, а её копия реестра (серийный номер {serial}) последний раз была заведомо актуальной {age} с назад — дольше, чем допускается для ответов (CHECK_MAX_STALENESS_SECONDS). Повторите попытку позже.',
    kk: 'Тексеру тізілімнің дерекқорына қосыла алмайды, ал оның тізілім көшірмесі (сериялық нөмірі {serial}) соңғы рет {age} секунд бұрын өзекті болған — бұл жауап беруге рұқсат етілгеннен ұзақ (CHECK_MAX_STALENESS_SECONDS). Кейінірек қайталап көріңіз.',
  },
  'not-built': {
    en: 'The check cannot reach the registry database to load the registry. Try again later.',
    ru: 'Проверка не может связаться с базой данных реестра, чтобы загрузить реестр. Повторите попытку позже.',
    kk: 'Тексеру тізілімді жүктеу үшін тізілімнің дерекқорына қосыла алмайды. Кейінірек қайталап көріңіз.',
  },
};

/**
 * The check cannot answer: it has no copy of the registry yet, or the one it has has not been confirmed current for
 * longer than CHECK_MAX_STALENESS_SECONDS. An answer that old could miss a block, so none is given.
 */
export class CheckUnavailableError extends DomainError {
  constructor(state: { serial: number; staleSince: number; ageSeconds: number } | null, retryAfterSeconds: number) {
    super(
      CheckErrorCode.Unavailable,
      HttpStatus.SERVICE_UNAVAILABLE,
      state ? localise(UNAVAILABLE, 'stale', { serial: state.serial, age: state.ageSeconds }) : localise(UNAVAILABLE, 'not-built'),
      state ? { serial: state.serial, stale: { since: new Date(state.staleSince).toISOString(), ageSeconds: state.ageSeconds } } : {},
      { 'retry-after': String(retryAfterSeconds) },
    );
  }
}
