// The public keys over HTTP: the JWK set, the list of keys with their serials, each key in PEM.
import { Module } from '@nestjs/common';
import { SigningController } from './signing.controller.js';

@Module({ controllers: [SigningController] })
export class SigningHttpModule {}
