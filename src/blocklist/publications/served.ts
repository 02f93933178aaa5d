// What a publication route answers, decided by the service and written to the reply by the controller.
import { createReadStream, type ReadStream } from 'node:fs';
import type { FastifyReply } from 'fastify';
import Negotiator from 'negotiator';

export type Served =
  | { status: 200; headers: Record<string, string>; body: Buffer | string }
  | { status: 200; headers: Record<string, string>; file: string }
  | { status: 304; headers: Record<string, string> };

export const IMMUTABLE = 'public, max-age=31536000, immutable';
export const REVALIDATE = 'no-cache';

/** Whether If-None-Match names `etag` (or is `*`), compared weakly as RFC 9110 says for GET. */
export function noneMatch(header: string | string[] | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  const wanted = bare(etag);
  return (Array.isArray(header) ? header.join(',') : header)
    .split(',')
    .some((tag) => tag.trim() === '*' || bare(tag) === wanted);
}

const ENCODINGS = ['br', 'gzip', 'identity'];
type EncodingNegotiator = { encoding(available: string[], options: { preferred: string[] }): string | undefined };

/** The encoding to send of those written: the client's most wanted; between equals, brotli (smallest), then gzip. */
export function preferredEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | 'identity' {
  // negotiator takes `preferred` (its own README); its types do not say so.
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as EncodingNegotiator;
  return (negotiator.encoding(ENCODINGS, { preferred: ENCODINGS }) ?? 'identity') as 'br' | 'gzip' | 'identity';
}

export function send(reply: FastifyReply, served: Served): FastifyReply {
  reply.code(served.status).headers(served.headers);
  if (served.status === 304) return reply.send();
  if ('file' in served) {
    const stream: ReadStream = createReadStream(served.file);
    return reply.send(stream);
  }
  return reply.send(served.body);
}
