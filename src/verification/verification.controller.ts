import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Res, UseGuards } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiBody, ApiConsumes, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type Actor, CurrentActor, OptionalKeyId } from '../auth/actor.js';
import { OptionalScopes, RequireScopes } from '../auth/auth.decorators.js';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { CSV_BODY } from '../platform/http/body-parsers.js';
import { Public } from '../platform/http/public.decorator.js';
import { negotiateLang } from '../platform/i18n/languages.js';
import { prefersCsv, stringifyVerificationCsv } from './verification-csv.js';
import { VerificationBatchDto, VerificationBatchResultDto, VerificationDto, VerificationQueryDto } from './verification.dto.js';
import { BATCH_EXAMPLES, CSV_UPLOAD_EXAMPLE, VERIFICATION_EXAMPLES } from './verification.examples.js';
import { AnonymousVerificationLimit } from './anonymous-verification-limit.js';
import { VerificationService } from './verification.service.js';

@ApiTags('verification')
@ApiExtraModels(VerificationBatchDto)
@Controller({ path: 'verifications', version: '1' })
export class VerificationController {
  constructor(private readonly verifications: VerificationService) {}

  /**
   * Verify one counterparty by any of BIN, LEI, licence number, name and domain, as of a day: its status then, the
   * record it matched with each feature's score and explanation, and a signed receipt to file. Identifiers are checked
   * first (a wrong check digit is a 400 naming the field). Anonymous calls are limited per address
   * (VERIFICATIONS_PER_MINUTE); with a bank key (scope `verifications:use`) the receipt is filed under the bank.
   */
  @ApiOperation({ operationId: 'verify', summary: 'Verify a counterparty' })
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'kk, ru or en: the language of `message` and explanations.' })
  @ApiBody({ type: VerificationQueryDto, examples: VERIFICATION_EXAMPLES.requests })
  @ApiOkResponse({ type: VerificationDto, examples: VERIFICATION_EXAMPLES.responses })
  @ApiProblems(400, 401, 403, 413, 415)
  @Public()
  @OptionalScopes('verifications:use')
  @UseGuards(AnonymousVerificationLimit)
  @HttpCode(HttpStatus.OK)
  @Post()
  verify(
    @Body() body: VerificationQueryDto,
    @OptionalKeyId() bankKeyId: string | null,
    @Headers('accept-language') acceptLanguage: string | undefined,
  ): Promise<VerificationDto> {
    return this.verifications.verify(body, { bankKeyId, lang: negotiateLang(undefined, acceptLanguage) });
  }

  /**
   * Verify up to 1,000 counterparties in one call, each under the bank's own reference, answered in the order sent
   * with one signed receipt for the batch. JSON (`{"items": [...]}`) or a CSV upload (`Content-Type: text/csv`, header
   * `reference,bin,lei,licenceNumber,name,domain,asOf`); answered as JSON, or as CSV when `Accept: text/csv`. An invalid
   * item is answered `invalid` with its errors; duplicate references refuse the batch (400 `duplicate-references`).
   * A CSV answer carries its receipt as `Link: </v1/receipts/{id}>; rel="receipt"` and `Receipt-Id`.
   */
  @ApiOperation({ operationId: 'verifyBatch', summary: 'Verify a batch of counterparties' })
  @ApiHeader({ name: 'Accept-Language', required: false, description: 'kk, ru or en.' })
  @ApiConsumes('application/json', 'text/csv')
  @ApiBody({
    description: 'JSON (`application/json`): a VerificationBatchDto. CSV (`text/csv`): a header line and one row per item.',
    schema: { oneOf: [{ $ref: getSchemaPath(VerificationBatchDto) }, { type: 'string', description: 'CSV', example: CSV_UPLOAD_EXAMPLE }] },
    examples: BATCH_EXAMPLES.requests,
  })
  @ApiProduces('application/json', 'text/csv')
  @ApiOkResponse({ type: VerificationBatchResultDto, examples: BATCH_EXAMPLES.responses })
  @ApiProblems(400, 401, 403, 413, 415)
  @RequireScopes('verifications:use')
  @RouteConfig({ [CSV_BODY]: true })
  @HttpCode(HttpStatus.OK)
  @Post('batch')
  async verifyBatch(
    @Body() body: unknown,
    @CurrentActor() actor: Actor,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Headers('accept') accept: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<VerificationBatchResultDto | string> {
    const result = await this.verifications.verifyUpload(body, { bankKeyId: actor.keyId, lang: negotiateLang(undefined, acceptLanguage) });
    if (!prefersCsv(accept)) return result;
    reply.type('text/csv; charset=utf-8').header('receipt-id', result.receipt.id).header('link', `<${result.receipt.href}>; rel="receipt"`);
    return stringifyVerificationCsv(result.results);
  }
}
