import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ADMIN_PATHS, type AuditPage } from '@sss/contracts';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { AuditTrail } from '../../../application/audit-trail';
import { AuditPageDto, AuditParams, DEFAULT_AUDIT_LIMIT } from './admin.dto';
import { AdminOnly } from './admin-only.decorator';

/** `GET /api/admin/audit`: the audit log, newest first, paged. */
@AdminOnly()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get(ADMIN_PATHS.audit)
  @ApiOperation({ summary: 'Admin actions and logins, newest first: who, what, on what, when, from where.' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'An invalid parameter; `details` says which.' })
  page(@Query() { before, limit }: AuditParams): Promise<AuditPage> {
    return this.audit.page(before, limit ?? DEFAULT_AUDIT_LIMIT);
  }
}
