// `/problems/<code>`: the page every problem's `type` URI names (RFC 9457 says it should describe the problem type to
// people). Kept out of the API contract, like `/docs`. The codes and their meaning come from the composition root.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Negotiator from 'negotiator';
import { appendVary, langOf } from './negotiation.js';
import { localisedTitle } from './problem.js';
import { DOCS_PATH } from './home.js';
import { RouteNotFoundError } from './routing.js';

export const PROBLEMS_PATH = '/problems';

export interface ProblemType {
  status: number;
  /** For people reading an error: what went wrong and what to do (English). */
  description: string;
}

export type ProblemTypes = Readonly<Record<string, ProblemType>>;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** Registers `GET /problems/:code` (and its HEAD): a page per known code, a 404 problem for any other. */
export function registerProblemPages(instance: FastifyInstance, types: ProblemTypes): void {
  instance.get<{ Params: { code: string } }>(`${PROBLEMS_PATH}/:code`, async (request: FastifyRequest<{ Params: { code: string } }>, reply: FastifyReply) => {
    const { code } = request.params;
    const type = Object.hasOwn(types, code) ? types[code] : undefined;
    if (!type) throw new RouteNotFoundError(request.method, request.url.split('?')[0] ?? request.url);
    const lang = langOf(request);
    const title = localisedTitle(type.status).in(lang);
    appendVary(reply, 'Accept');
    appendVary(reply, 'Accept-Language');
    reply.header('content-language', lang).header('cache-control', 'public, max-age=86400');
    const json = new Negotiator(request.raw).mediaType(['text/html', 'application/json']) === 'application/json';
    if (json) return reply.type('application/json').send({ code, status: type.status, title, description: type.description });
    return reply.type('text/html; charset=utf-8').send(`<!doctype html>
<html lang="${lang}">
  <head><meta charset="utf-8"><title>${escapeHtml(code)}: ${escapeHtml(title)}</title></head>
  <body>
    <h1>${escapeHtml(code)}</h1>
    <p>HTTP ${type.status} ${escapeHtml(title)}</p>
    <p lang="en">${escapeHtml(type.description)}</p>
    <p><a href="${DOCS_PATH}">API documentation</a></p>
  </body>
</html>
`);
  });
}
