import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { isoSeconds } from './manifest.js';
import type { PublicationFile } from './publication.entity.js';
import { PUBLICATION_FORMATS, type PublicationFormats } from './publication-ports.js';
import { type WrittenPublication, writePublication } from './publication-writer.js';
import { PublicationsRepository } from './publications.repository.js';

export const fileUrl = (serial: number, name: string): string => `/v1/blocklist/${serial}/${name}`;

/** Renders a serial's files from the history the database keeps: the publisher's first render and a replica's later ones. */
@Injectable()
export class PublicationRenderer {
  constructor(
    private readonly repository: PublicationsRepository,
    @Inject(PUBLICATION_FORMATS) private readonly formats: PublicationFormats,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'PUBLICATIONS_DIR' | 'RPZ_ZONE'>,
  ) {}

  get dir(): string {
    return this.config.PUBLICATIONS_DIR;
  }

  async render(serial: number, publishedAt: Date, expiresAt: Date, expected?: readonly PublicationFile[]): Promise<WrittenPublication> {
    const ctx = {
      serial,
      publishedAt: isoSeconds(publishedAt),
      expiresAt: isoSeconds(expiresAt),
      rpzZone: this.config.RPZ_ZONE,
      subtreeDomains: await this.repository.subtreeDomains(serial),
      hostCidrs: await this.repository.hostCidrs(serial),
    };
    return writePublication({
      dir: this.config.PUBLICATIONS_DIR,
      serial,
      formats: this.formats,
      ctx,
      read: (visit) => this.repository.streamPublished(serial, visit),
      url: (name) => fileUrl(serial, name),
      expected,
    });
  }
}
