import { Controller, Get, Headers, Query, Res } from '@nestjs/common';
import { ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { CheckQueryDto, CheckResultDto } from './check.dto.js';
import { CHECK_EXAMPLES } from './check.examples.js';
import { withAnswerHeaders } from './check-reply.js';
import { CheckService } from './check.service.js';
import { Public } from '../platform/http/public.decorator.js';

@ApiTags('check')
@Public()
@Controller({ path: 'check', version: '1' })
export class CheckController {
  constructor(private readonly checks: CheckService) {}

  /**
   * Is this site or link licensed, blocked, or unknown? Input is canonicalised as a browser would (case, trailing dot,
   * IDN to A-label, URL to host); subdomains follow each record's match rule. `unknown` is not proof of safety.
   */
  @ApiOperation({ operationId: 'check', summary: 'Check a domain or link' })
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'kk, ru or en; `lang` takes precedence.' })
  @ApiOkResponse({ type: CheckResultDto, examples: CHECK_EXAMPLES, headers: { 'Content-Language': { schema: { type: 'string' } } } })
  @ApiProblems(400)
  @Get()
  async check(
    @Query() query: CheckQueryDto,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { lang, json } = await this.checks.answer(query, acceptLanguage);
    withAnswerHeaders(reply, lang);
    return json;
  }
}
