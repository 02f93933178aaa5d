import { Body, Controller, Get, Header, Post, Query, Render, Req, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Lang } from '../platform/i18n/languages.js';
import { FORM_BODY } from '../platform/http/body-parsers.js';
import { Public } from '../platform/http/public.decorator.js';
import { reportSender } from '../reports/report-sender.js';
import { inEveryLanguage, PageLang } from './page-lang.js';
import { WebPagesService } from './web-pages.service.js';

const HTML = 'text/html; charset=utf-8';

/** The citizens' pages, server-rendered in kk, ru and en: pages, not API operations, so not in the OpenAPI document. */
@ApiExcludeController()
@Public()
@Controller()
export class WebController {
  constructor(private readonly pages: WebPagesService) {}

  @Get(inEveryLanguage())
  @Header('content-type', HTML)
  @Render('home')
  home(@PageLang() lang: Lang, @Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('content-language', lang);
    return this.pages.home(lang);
  }

  @Get(inEveryLanguage('check'))
  @Header('content-type', HTML)
  @Render('check')
  async check(@PageLang() lang: Lang, @Query('q') q: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    const { status, view } = await this.pages.check(lang, q);
    reply.code(status).header('content-language', lang);
    return view;
  }

  @Get(inEveryLanguage('firms'))
  @Header('content-type', HTML)
  @Render('firms')
  firms(@PageLang() lang: Lang, @Query('page') page: unknown, @Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('content-language', lang);
    return this.pages.firmsPage(lang, page);
  }

  @Get(inEveryLanguage('blocked'))
  @Header('content-type', HTML)
  @Render('blocked')
  blocked(
    @PageLang() lang: Lang,
    @Query('authority') authority: unknown,
    @Query('period') period: unknown,
    @Query('page') page: unknown,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    reply.header('content-language', lang);
    return this.pages.blockedPage(lang, { authority, period, page });
  }

  @Get(inEveryLanguage('warnings'))
  @Header('content-type', HTML)
  @Render('warnings')
  async warnings(@PageLang() lang: Lang, @Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('content-language', lang);
    return this.pages.warningsPage(lang);
  }

  @Get(inEveryLanguage('statistics'))
  @Header('content-type', HTML)
  @Render('statistics')
  statistics(@PageLang() lang: Lang, @Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('content-language', lang);
    return this.pages.statisticsPage(lang);
  }

  /** The result page's report form, posted without JavaScript. */
  @Post(inEveryLanguage('report'))
  @RouteConfig({ [FORM_BODY]: true })
  @Header('content-type', HTML)
  @Render('report')
  async report(@PageLang() lang: Lang, @Body() body: Record<string, unknown> | undefined, @Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    const { status, view } = await this.pages.report(lang, body, reportSender(request, reply));
    reply.code(status).header('content-language', lang);
    return view;
  }
}
