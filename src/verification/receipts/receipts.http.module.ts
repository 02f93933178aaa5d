// Receipts over HTTP: a bank fetches its own, anyone verifies one.
import { Module } from '@nestjs/common';
import { ReceiptsController } from './receipts.controller.js';
import { ReceiptsModule } from './receipts.module.js';

@Module({ imports: [ReceiptsModule], controllers: [ReceiptsController] })
export class ReceiptsHttpModule {}
