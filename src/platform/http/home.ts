// `/` for programs (`Accept: application/json`, curl's `*/*`): what the service is and where to go: the docs, the
// OpenAPI document, and the public entry points, read from that document (so it never lists a route the API does not
// have). A browser asking for HTML is sent to the citizens' pages in its language (`/kk`, `/ru`, `/en`); the same
// map for developers, as HTML, is `/api`. In kk, ru or en. Pages, not API operations: they are not in the contract.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OpenAPIObject } from '@nestjs/swagger';
import Negotiator from 'negotiator';
import type { Lang } from '../i18n/languages.js';
import { type Catalogue, translate } from '../i18n/translate.js';
import { appendVary, langOf } from './negotiation.js';

export const DOCS_PATH = '/docs';
export const OPENAPI_JSON_PATH = '/openapi.json';
/** The developers' map of the API as a page. */
export const API_HOME_PATH = '/api';

const HOME_TEXT: Catalogue<'title' | 'intro' | 'check' | 'checkButton' | 'docs' | 'openapi' | 'entryPoints'> = {
  title: {
    en: 'Kazakhstan crypto market registry',
    ru: 'Реестр криптовалютного рынка Казахстана',
    kk: 'Қазақстанның крипто нарығының тізілімі',
  },
  intro: {
    en: 'Firms licensed by the AFSA in the AIFC, entities blocked by state authorities, and the blocklist ISPs enforce. Is a site or link licensed, blocked, or unknown? Ask /v1/check.',
    ru: 'Фирмы с лицензией AFSA в МФЦА, организации, заблокированные государственными органами, и список блокировок, который применяют провайдеры. Сайт или ссылка лицензированы, заблокированы или неизвестны? Спросите /v1/check.',
    kk: 'АХҚО-да AFSA лицензиясы бар фирмалар, мемлекеттік органдар бұғаттаған ұйымдар және провайдерлер қолданатын бұғаттау тізімі. Сайт не сілтеме лицензияланған ба, бұғатталған ба, әлде белгісіз бе? /v1/check сұраңыз.',
  },
  check: { en: 'Site or link', ru: 'Сайт или ссылка', kk: 'Сайт немесе сілтеме' },
  checkButton: { en: 'Check', ru: 'Проверить', kk: 'Тексеру' },
  docs: { en: 'API documentation', ru: 'Документация API', kk: 'API құжаттамасы' },
  openapi: { en: 'OpenAPI document (JSON)', ru: 'Документ OpenAPI (JSON)', kk: 'OpenAPI құжаты (JSON)' },
  entryPoints: { en: 'Entry points', ru: 'Точки входа', kk: 'Кіру нүктелері' },
};

export interface EntryPoint {
  method: 'GET';
  path: string;
  /** The path with its required query parameters, e.g. `/v1/check?q={q}`. */
  template: string;
  summary: string;
  /** A URL to try, when the operation's required query parameters have examples. */
  example?: string;
}

interface QueryParameter {
  name: string;
  in?: string;
  required?: boolean;
  example?: unknown;
  schema?: unknown;
}

/** The public GET operations of the document (`security: []`), with an example URL where one can be built. */
export function entryPoints(document: OpenAPIObject): EntryPoint[] {
  return Object.entries(document.paths).flatMap(([path, item]) => {
    const operation = item.get;
    if (!operation || !Array.isArray(operation.security) || operation.security.length > 0) return [];
    const required = (operation.parameters ?? [])
      .map((p) => p as QueryParameter)
      .filter((p) => p.in === 'query' && p.required === true);
    const examples = required.map((p): [string, unknown] => [p.name, p.example ?? (p.schema as { example?: unknown } | undefined)?.example]);
    const example =
      required.length > 0 && examples.every(([, value]) => value !== undefined) && !path.includes('{')
        ? `${path}?${new URLSearchParams(examples.map(([name, value]): [string, string] => [name, String(value)])).toString()}`
        : undefined;
    const template = required.length > 0 ? `${path}?${required.map((p) => `${p.name}={${p.name}}`).join('&')}` : path;
    return [{ method: 'GET' as const, path, template, summary: operation.summary ?? '', ...(example ? { example } : {}) }];
  });
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function homeHtml(lang: Lang, entries: EntryPoint[]): string {
  const t = (key: keyof typeof HOME_TEXT) => escapeHtml(translate(HOME_TEXT, key, lang));
  const items = entries
    .map((e) => {
      const link = e.example ?? (e.template.includes('{') ? undefined : e.path);
      const shown = escapeHtml(e.example ?? e.template);
      const code = link ? `<a href="${escapeHtml(link)}"><code>GET ${shown}</code></a>` : `<code>GET ${shown}</code>`;
      return `<li>${code} — ${escapeHtml(e.summary)}</li>`;
    })
    .join('\n      ');
  return `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>${t('title')}</title>
    <style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem}code{font-size:.95em}</style>
  </head>
  <body>
    <h1>${t('title')}</h1>
    <p>${t('intro')}</p>
    <form action="/v1/check" method="get">
      <label>${t('check')} <input name="q" required placeholder="example.kz"></label>
      <input type="hidden" name="lang" value="${lang}">
      <button type="submit">${t('checkButton')}</button>
    </form>
    <p><a href="${DOCS_PATH}">${t('docs')}</a> · <a href="${OPENAPI_JSON_PATH}">${t('openapi')}</a></p>
    <h2>${t('entryPoints')}</h2>
    <ul>
      ${items}
    </ul>
  </body>
</html>
`;
}

/** Registers `GET /` and `GET /api` (and their HEAD); the document is built once, on the first request. */
export function registerHome(instance: FastifyInstance, document: () => OpenAPIObject): void {
  let entries: EntryPoint[] | undefined;
  instance.get(API_HOME_PATH, async (request: FastifyRequest, reply: FastifyReply) => {
    entries ??= entryPoints(document());
    const lang = langOf(request);
    appendVary(reply, 'Accept-Language');
    reply.header('content-language', lang);
    return reply.type('text/html; charset=utf-8').send(homeHtml(lang, entries));
  });
  instance.get('/', async (request: FastifyRequest, reply: FastifyReply) => {
    entries ??= entryPoints(document());
    const lang = langOf(request);
    const json = new Negotiator(request.raw).mediaType(['application/json', 'text/html']) === 'application/json';
    appendVary(reply, 'Accept');
    appendVary(reply, 'Accept-Language');
    reply.header('content-language', lang);
    if (!json) return reply.redirect(`/${lang}`, 302);
    return reply.type('application/json').send({
      name: translate(HOME_TEXT, 'title', lang),
      description: translate(HOME_TEXT, 'intro', lang),
      docs: DOCS_PATH,
      openapi: OPENAPI_JSON_PATH,
      entryPoints: entries,
    });
  });
}
