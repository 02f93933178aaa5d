// What publications need from signing (src/platform/signing/) and from the renderers (src/blocklist/formats/), as
// injection tokens: the module binds them to SigningService and BLOCKLIST_FORMATS (a test may bind others).
import type { BlocklistFormat } from '../formats/blocklist-format.js';

export interface PublicationSigner {
  keyFor(serial: number): { keyId: string };
  sign(bytes: Uint8Array, serial: number): { keyId: string; signature: Buffer };
  compactJws(bytes: Uint8Array, serial: number): string;
}

export const PUBLICATION_SIGNER = Symbol('PUBLICATION_SIGNER');
export const PUBLICATION_FORMATS = Symbol('PUBLICATION_FORMATS');
export type PublicationFormats = readonly BlocklistFormat[];
