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

export type ContentCoding = 'br' | 'gzip' | 'identity';

/**
 * The encoding to send of those written: the client's most wanted; between equals, brotli (smallest), then gzip. Null
 * when Accept-Encoding refuses them all, identity included (`identity;q=0`, `*;q=0`): RFC 9110 §12.5.3 lets the server
 * answer 406 then, which it does rather than send what the client said it cannot take.
 */
export function preferredEncoding(acceptEncoding: string | undefined): ContentCoding | null {
  // negotiator takes `preferred` (its own README); its types do not say so.
  const negotiator = new Negotiator({ headers: { 'accept-encoding': acceptEncoding } }) as unknown as EncodingNegotiator;
  return (negotiator.encoding(ENCODINGS, { preferred: ENCODINGS }) ?? null) as ContentCoding | null;
}

/**
 * A file's strong ETag in one content coding: the manifest's hash of the decoded bytes for identity, suffixed with the
 * coding otherwise, since the gzip, brotli and identity bytes are different representations (RFC 9110 §8.8.1).
 */
export const fileEtag = (sha256: string, coding: ContentCoding): string => (coding === 'identity' ? `"${sha256}"` : `"${sha256}-${coding}"`);

export function send(reply: FastifyReply, served: Served): FastifyReply {
  reply.code(served.status).headers(served.headers);
  if (served.status === 304) return reply.send();
  if ('file' in served) {
    const stream: ReadStream = createReadStream(served.file);
    return reply.send(stream);
  }
  return reply.send(served.body);
}
