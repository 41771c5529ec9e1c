import { Controller, Get, Query, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ADMIN_PATHS, type AuditPage } from '@sss/contracts';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { AuditTrail } from '../../../application/audit-trail';
import { AuditPageDto, AuditParams, DEFAULT_AUDIT_LIMIT } from './admin.dto';
import { RequireRole, SessionGuard } from './session.guard';

/** `GET /api/admin/audit`: the audit log, newest first, paged. */
@ApiTags('admin')
@Controller()
@UseGuards(SessionGuard)
@RequireRole('admin')
export class AuditController {
  constructor(private readonly audit: AuditTrail) {}

  @Get(ADMIN_PATHS.audit)
  @ApiOperation({ summary: 'Admin actions and logins, newest first: who, what, on what, when, from where.' })
  @ApiOkResponse({ type: AuditPageDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'An invalid parameter; `details` says which.' })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Not logged in.' })
  @ApiForbiddenResponse({ type: ApiErrorDto, description: 'Not an admin.' })
  page(@Query() { before, limit }: AuditParams): Promise<AuditPage> {
    return this.audit.page(before, limit ?? DEFAULT_AUDIT_LIMIT);
  }
}
