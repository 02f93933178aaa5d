// Bank verification: a counterparty by any identifier, name or domain, singly or in batches, as of a day, with a
// signed receipt.
import { Module } from '@nestjs/common';
import { BlockedEntitiesModule } from '../blocked-entities/blocked-entities.module.js';
import { BlocklistModule } from '../blocklist/blocklist.module.js';
import { FirmsModule } from '../firms/firms.module.js';
import { WarningsModule } from '../warnings/warnings.module.js';
import { AnonymousVerificationLimit } from './anonymous-verification-limit.js';
import { ReceiptsModule } from './receipts/receipts.module.js';
import { VerificationController } from './verification.controller.js';
import { VerificationService } from './verification.service.js';

@Module({
  imports: [FirmsModule, BlockedEntitiesModule, WarningsModule, BlocklistModule, ReceiptsModule],
  controllers: [VerificationController],
  providers: [VerificationService, AnonymousVerificationLimit],
})
export class VerificationModule {}
