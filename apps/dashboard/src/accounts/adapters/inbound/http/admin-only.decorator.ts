import { applyDecorators, UseGuards } from '@nestjs/common';
import { ApiForbiddenResponse, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { RequireRole, SessionGuard } from './session.guard';

/** What every admin controller is: for an admin's session or admin token only, and listed so in the OpenAPI document. */
export const AdminOnly = (): ClassDecorator =>
  applyDecorators(
    ApiTags('admin'),
    UseGuards(SessionGuard),
    RequireRole('admin'),
    ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Not signed in.' }),
    ApiForbiddenResponse({ type: ApiErrorDto, description: 'Not an admin, or a foreign Origin.' }),
  );
