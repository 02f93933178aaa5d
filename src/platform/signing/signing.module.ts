// Ed25519 signing in one place, for every feature that signs (blocklist publications; bank receipts later).
import { Global, Module } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app-config.js';
import { SigningService } from './signing.service.js';

@Global()
@Module({
  providers: [{ provide: SigningService, useFactory: (config: AppConfig) => SigningService.load(config), inject: [APP_CONFIG] }],
  exports: [SigningService],
})
export class SigningModule {}
