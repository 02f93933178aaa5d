// What the publication e2e tests share: publishing on demand, reading a route's bytes as sent, and their hash.
import { createHash } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { PublisherService } from '../../src/blocklist/publications/publisher.service.js';

/** A file as a manifest lists it. */
export interface ManifestFile {
  name: string;
  sha256: string;
  size: number;
  url: string;
  mediaType: string;
}

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** Publishes what is due now (as the publisher's timer would); throws when nothing was. */
export async function publishNow(app: NestFastifyApplication, now?: Date): Promise<number> {
  const serial = await app.get(PublisherService).publishDue(now);
  if (serial === null) throw new Error('nothing was published');
  return serial;
}

/** GET `path`, the body as the bytes sent (supertest would decode gzip and parse JSON). */
export async function rawGet(
  server: Parameters<typeof request>[0],
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  const res = await request(server)
    .get(path)
    .set(headers)
    .buffer(true)
    .parse((stream, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => callback(null, Buffer.concat(chunks)));
    });
  return { status: res.status, headers: res.headers as Record<string, string>, body: res.body as Buffer };
}
