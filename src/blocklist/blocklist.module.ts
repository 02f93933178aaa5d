// The blocklist ISPs enforce: entries (domain, URL, IP, CIDR) added and removed under a gap-free serial.
import { Module } from '@nestjs/common';
import { BlocklistController } from './blocklist.controller.js';
import { BlocklistRepository } from './blocklist.repository.js';
import { BlocklistService } from './blocklist.service.js';

@Module({
  controllers: [BlocklistController],
  providers: [BlocklistService, BlocklistRepository],
  exports: [BlocklistService],
})
export class BlocklistModule {}
