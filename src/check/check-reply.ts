// The headers of a check's answer, written alike by the controller and by the kept answers answered before routing.
import type { FastifyReply } from 'fastify';
import type { Lang } from '../platform/i18n/languages.js';

export function withAnswerHeaders(reply: FastifyReply, lang: Lang): FastifyReply {
  return reply.header('content-language', lang).header('vary', 'Accept-Language').type('application/json; charset=utf-8');
}
