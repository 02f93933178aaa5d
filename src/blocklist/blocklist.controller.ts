import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { BlocklistEntryPageDto, ListBlocklistEntriesQueryDto } from './blocklist.dto.js';
import { BlocklistService } from './blocklist.service.js';
import { Public } from '../platform/http/public.decorator.js';

@ApiTags('blocklist')
@Public()
@Controller({ path: 'blocklist', version: '1' })
export class BlocklistController {
  constructor(private readonly blocklist: BlocklistService) {}

  /**
   * Entries in force (domains, URLs, IPs, CIDR blocks) at one serial, in pages: follow `nextCursor` (`?cursor=`) to the
   * end, and the pages are exactly the entries in force at the first page's serial, whatever is written meanwhile (no
   * entry missed, none twice). `serial` lists a past serial. `offset` is refused (400): use the cursor.
   */
  @ApiOperation({ operationId: 'listBlocklistEntries', summary: 'List blocklist entries in force' })
  @ApiOkResponse({ type: BlocklistEntryPageDto })
  @ApiProblems(400)
  @Get('entries')
  listBlocklistEntries(@Query() query: ListBlocklistEntriesQueryDto): Promise<BlocklistEntryPageDto> {
    return this.blocklist.list(query);
  }
}
