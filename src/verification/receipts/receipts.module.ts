// Signed receipts of bank verifications: issued when a verification answers, fetched by the key that asked, checked by anyone.
import { Module } from '@nestjs/common';
import { ReceiptsRepository } from './receipts.repository.js';
import { ReceiptsService } from './receipts.service.js';

@Module({ providers: [ReceiptsService, ReceiptsRepository], exports: [ReceiptsService] })
export class ReceiptsModule {}
