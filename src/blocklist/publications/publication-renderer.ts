import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { isoSeconds } from './manifest.js';
import type { BlockedEntitySnapshot, PublicationFile } from './publication.entity.js';
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

  /**
   * Renders the files of `serial` with the blocked entities of `entities` (the publication's snapshot). Again (on a
   * replica): `again.files` are the manifest's, `again.names` the files to render, added beside those in its folder
   * only if they match the manifest.
   */
  async render(
    serial: number,
    publishedAt: Date,
    expiresAt: Date,
    entities: BlockedEntitySnapshot,
    again?: { files: readonly PublicationFile[]; names: ReadonlySet<string> },
  ): Promise<WrittenPublication> {
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
      formats: again ? this.formats.filter((format) => again.names.has(format.fileName)) : this.formats,
      ctx,
      read: (visit) => this.repository.streamPublished(serial, entities, visit),
      url: (name) => fileUrl(serial, name),
      expected: again?.files,
    });
  }
}
