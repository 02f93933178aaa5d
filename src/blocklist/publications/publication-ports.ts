// What publications need from signing (src/platform/signing/) and from the renderers (src/blocklist/formats/), as
// injection tokens: the module binds them to SigningService and BLOCKLIST_FORMATS.
import type { FileFormat } from './publication-writer.js';

export interface PublicationContextShape {
  serial: number;
  publishedAt: string;
  expiresAt: string;
  rpzZone: string;
  subtreeDomains: ReadonlySet<string>;
}

export interface PublicationSigner {
  keyFor(serial: number): { keyId: string };
  sign(bytes: Uint8Array, serial: number): { keyId: string; signature: Buffer };
  compactJws(bytes: Uint8Array, serial: number): string;
}

export const PUBLICATION_SIGNER = Symbol('PUBLICATION_SIGNER');
export const PUBLICATION_FORMATS = Symbol('PUBLICATION_FORMATS');
export type PublicationFormats = readonly FileFormat<PublicationContextShape>[];
