// Each page is registered once per language (`/kk/check`, `/ru/check`, `/en/check`), so an unknown language is the
// router's 404 like any unknown path; the page's language is the first segment of the route that matched.
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { DEFAULT_LANG, LANGUAGES, type Lang, parseLang } from '../platform/i18n/languages.js';

/** `page` under each language: `inEveryLanguage('check')` → `['kk/check', 'ru/check', 'en/check']`. */
export function inEveryLanguage(page = ''): string[] {
  return LANGUAGES.map((lang) => (page ? `${lang}/${page}` : lang));
}

export function langOfRoute(routeUrl: string | undefined): Lang {
  return parseLang(routeUrl?.split('/')[1]) ?? DEFAULT_LANG;
}

export const PageLang = createParamDecorator((_data: unknown, context: ExecutionContext): Lang =>
  langOfRoute(context.switchToHttp().getRequest<FastifyRequest>().routeOptions.url),
);
