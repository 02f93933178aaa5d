import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Public } from '../platform/http/public.decorator.js';

/** The pages' own stylesheet, served by the service itself (no CDN, no web fonts), read once at start. */
const SITE_CSS = readFileSync(new URL('./assets/site.css', import.meta.url), 'utf8');
const SITE_CSS_TAG = `"${createHash('sha256').update(SITE_CSS).digest('base64url').slice(0, 22)}"`;

@ApiExcludeController()
@Public()
@Controller('assets')
export class WebAssetsController {
  @Get('site.css')
  @Header('content-type', 'text/css; charset=utf-8')
  @Header('cache-control', 'public, max-age=3600')
  @Header('etag', SITE_CSS_TAG)
  siteCss(): string {
    return SITE_CSS;
  }
}
