// The language of a response, by the one rule of platform/i18n, read from any request (even one the router refused).
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Lang, negotiateLang } from '../i18n/languages.js';

/** `lang` of the query string, read from the URL when the query was not parsed (the router refused the request). */
function queryLang(request: Pick<FastifyRequest, 'query' | 'url'>): string | undefined {
  const parsed = request.query as Record<string, unknown> | null | undefined;
  if (parsed && typeof parsed === 'object') return typeof parsed.lang === 'string' ? parsed.lang : undefined;
  const search = request.url?.split('?')[1];
  if (!search) return undefined;
  try {
    return new URLSearchParams(search).get('lang') ?? undefined;
  } catch {
    return undefined;
  }
}

export function langOf(request: Pick<FastifyRequest, 'query' | 'url' | 'headers'>): Lang {
  const accept = request.headers['accept-language'];
  return negotiateLang(queryLang(request), typeof accept === 'string' ? accept : undefined);
}

/** Adds to Vary without losing what another hook put there (CORS adds Origin). */
export function appendVary(reply: FastifyReply, field: string): void {
  const current = reply.getHeader('vary');
  const fields = String(current ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  if (!fields.some((f) => f.toLowerCase() === field.toLowerCase() || f === '*')) fields.push(field);
  reply.header('vary', fields.join(', '));
}
