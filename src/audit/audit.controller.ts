import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequireScopes } from '../auth/auth.decorators.js';
import { ApiProblems } from '../platform/http/api-problems.decorator.js';
import { AuditEventPageDto, ListAuditEventsQueryDto } from './audit.dto.js';
import { AuditService } from './audit.service.js';

@ApiTags('admin: audit')
@Controller({ path: 'admin/audit-events', version: '1' })
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Who changed what, when, from what to what: newest first, filtered by target, actor and time. */
  @ApiOperation({ operationId: 'listAuditEvents', summary: 'List audit events' })
  @ApiOkResponse({ type: AuditEventPageDto })
  @ApiProblems(400, 401, 403)
  @RequireScopes('audit:read')
  @Get()
  listAuditEvents(@Query() query: ListAuditEventsQueryDto): Promise<AuditEventPageDto> {
    return this.audit.list(query);
  }
}
