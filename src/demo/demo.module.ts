// Demo records (with their sources) for a fresh database, so one command shows a working registry.
import { Module } from '@nestjs/common';
import { BlockedEntitiesModule } from '../blocked-entities/blocked-entities.module.js';
import { BlocklistModule } from '../blocklist/blocklist.module.js';
import { FirmsModule } from '../firms/firms.module.js';
import { WarningsModule } from '../warnings/warnings.module.js';
import { DemoDataLoader } from './demo-data.loader.js';

@Module({ imports: [FirmsModule, BlockedEntitiesModule, BlocklistModule, WarningsModule], providers: [DemoDataLoader], exports: [DemoDataLoader] })
export class DemoModule {}
