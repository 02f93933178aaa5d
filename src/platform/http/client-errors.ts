// Requests Node's HTTP parser refuses before Fastify sees them (raw non-ASCII bytes in the URL, headers over the
// limit, a request that never finished arriving) get a problem+json answer like every other error, written straight
// to the socket: there is no request object, so the language comes from the raw bytes that did arrive.
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { negotiateLang } from '../i18n/languages.js';
import { localise } from '../i18n/translate.js';
import { PLATFORM_MESSAGES, type PlatformMessage } from './problem-messages.js';
import { PROBLEM_CONTENT_TYPE, problemBody } from './problem.filter.js';

interface ClientError extends Error {
  code?: string;
  rawPacket?: unknown;
}

const BY_CODE: Record<string, { status: number; code: string; message: PlatformMessage }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, code: 'request-timeout', message: 'request-timeout' },
  HPE_HEADER_OVERFLOW: { status: 431, code: 'header-fields-too-large', message: 'header-fields-too-large' },
};
const MALFORMED = { status: 400, code: 'malformed-request', message: 'malformed-request' } as const;

/** The path, `lang` and Accept-Language of what arrived, read leniently (it is what the parser refused). */
function whatArrived(raw: unknown): { path?: string; lang?: string; acceptLanguage?: string } {
  if (!Buffer.isBuffer(raw)) return {};
  const head = raw.toString('utf8', 0, Math.min(raw.length, 64 * 1024));
  const target = /^[A-Z]+ (\S+)/.exec(head)?.[1];
  const [path, search] = (target ?? '').split('?', 2);
  const lang = search ? /(?:^|&)lang=([^&]*)/.exec(search)?.[1] : undefined;
  const acceptLanguage = /\r\naccept-language:[ \t]*([^\r\n]*)/i.exec(head)?.[1];
  return { path: path || undefined, lang, acceptLanguage };
}

/** Fastify's `clientErrorHandler`, writing an RFC 9457 problem. */
export function problemClientErrorHandler(publicBaseUrl: string): (error: ClientError, socket: Socket) => void {
  return (error, socket) => {
    // A reset connection has nobody to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const known = (error.code && BY_CODE[error.code]) || MALFORMED;
    const arrived = whatArrived(error.rawPacket);
    const lang = negotiateLang(arrived.lang, arrived.acceptLanguage);
    const requestId = randomUUID();
    const classified = { status: known.status, code: known.code, detail: localise(PLATFORM_MESSAGES, known.message) };
    const body = JSON.stringify(problemBody(classified, lang, publicBaseUrl, { id: requestId, url: arrived.path }));
    // A request that already has its answer (HTTP_REQUEST_TIMEOUT_MS's 503, say) gets no second one on its socket.
    const answered = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage?.headersSent === true;
    if (socket.writable && !answered) {
      socket.write(
        `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\n` +
          `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Language: ${lang}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
          `X-Request-Id: ${requestId}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
      );
    }
    socket.destroy(error);
  };
}
