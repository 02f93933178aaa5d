// Publications of the blocklist: the publisher (signed manifests, files in resolver formats) and the routes serving them.
import { Module } from '@nestjs/common';
import { AuditModule } from '../../audit/audit.module.js';
import { SigningService } from '../../platform/signing/signing.service.js';
import { BlocklistModule } from '../blocklist.module.js';
import { BLOCKLIST_FORMATS } from '../formats/blocklist-formats.js';
import { PublicationEvents } from './publication-events.js';
import { PUBLICATION_FORMATS, PUBLICATION_SIGNER } from './publication-ports.js';
import { PublicationRenderer } from './publication-renderer.js';
import { LatestRevalidation } from './latest-revalidation.js';
import { PublicationsController } from './publications.controller.js';
import { PublicationsMetrics } from './publications.metrics.js';
import { PublicationsRepository } from './publications.repository.js';
import { PublicationsService } from './publications.service.js';
import { PublisherService } from './publisher.service.js';

@Module({
  imports: [BlocklistModule, AuditModule],
  controllers: [PublicationsController],
  providers: [
    PublicationsRepository,
    PublicationRenderer,
    PublicationEvents,
    PublicationsService,
    PublicationsMetrics,
    PublisherService,
    LatestRevalidation,
    { provide: PUBLICATION_SIGNER, useExisting: SigningService },
    { provide: PUBLICATION_FORMATS, useValue: BLOCKLIST_FORMATS },
  ],
})
export class PublicationsModule {}
