import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { type Actor, CurrentActor } from '../../auth/actor.js';
import { RequireScopes } from '../../auth/auth.decorators.js';
import { ApiProblems } from '../../platform/http/api-problems.decorator.js';
import { IdParamDto } from '../../platform/http/pagination.dto.js';
import { Public } from '../../platform/http/public.decorator.js';
import { InvalidReceiptCheckDto, type ReceiptCheckDto, ReceiptDto, ValidReceiptCheckDto, VerifyReceiptDto } from './receipts.dto.js';
import { EXAMPLE_RECEIPT, RECEIPT_CHECK_EXAMPLES, RECEIPT_EXAMPLES } from './receipts.examples.js';
import { ReceiptsService } from './receipts.service.js';

@ApiTags('receipts')
@Controller({ path: 'receipts', version: '1' })
export class ReceiptsController {
  constructor(private readonly receipts: ReceiptsService) {}

  /** A receipt this API key was issued, with its payload decoded. Another key's receipt is a 404, as one that does not exist. */
  @ApiOperation({ operationId: 'getReceipt', summary: 'Get a receipt' })
  @ApiOkResponse({ type: ReceiptDto, examples: RECEIPT_EXAMPLES })
  @ApiProblems(400, 401, 403, 404)
  @RequireScopes('verifications:use')
  @Get(':id')
  getReceipt(@Param() params: IdParamDto, @CurrentActor() actor: Actor): Promise<ReceiptDto> {
    return this.receipts.get(params.id, actor.keyId);
  }

  /**
   * Whether a receipt is one the registry signed (and whether it holds it), for anyone who was shown one. Any text is
   * answered 200: `valid: false` says why not. The same check runs offline against `/.well-known/jwks.json`.
   */
  @ApiOperation({ operationId: 'verifyReceipt', summary: 'Verify a receipt' })
  @ApiExtraModels(ValidReceiptCheckDto, InvalidReceiptCheckDto)
  @ApiBody({ type: VerifyReceiptDto, examples: { receipt: { summary: 'A receipt as issued', value: { receipt: EXAMPLE_RECEIPT } } } })
  @ApiOkResponse({
    schema: { oneOf: [{ $ref: getSchemaPath(ValidReceiptCheckDto) }, { $ref: getSchemaPath(InvalidReceiptCheckDto) }] },
    examples: RECEIPT_CHECK_EXAMPLES,
  })
  @ApiProblems(400, 413, 415)
  @Public()
  @HttpCode(HttpStatus.OK)
  @Post('verify')
  verifyReceipt(@Body() body: VerifyReceiptDto): Promise<ReceiptCheckDto> {
    return this.receipts.verify(body.receipt);
  }
}
