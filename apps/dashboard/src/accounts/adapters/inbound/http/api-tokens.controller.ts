import {
  BadRequestException,
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ADMIN_PATHS, type ApiTokenCreated, type ApiTokenSummary } from '@sss/contracts';
import type { Request } from 'express';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { ApiTokens } from '../../../application/api-tokens';
import { ApiTokenCreatedDto, ApiTokenCreateDto, ApiTokenSummaryDto, expiryProblem, TokenParams } from './admin.dto';
import { actorOf } from './session.guard';
import { AdminOnly } from './admin-only.decorator';

/** `/api/admin/tokens`: API tokens for scripts and Prometheus (README "Accounts"). */
@AdminOnly()
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'An invalid body or parameter; `details` says which.' })
@Controller()
export class ApiTokensController {
  constructor(private readonly tokens: ApiTokens) {}

  @Get(ADMIN_PATHS.tokens)
  @ApiOperation({ summary: 'Every API token, oldest first: name, scope, who made it, when, last use, expiry. Never the secret.' })
  @ApiOkResponse({ type: [ApiTokenSummaryDto] })
  list(): Promise<ApiTokenSummary[]> {
    return this.tokens.list();
  }

  @Post(ADMIN_PATHS.tokens)
  @ApiOperation({ summary: 'Makes a token; the answer holds its secret (`sss_...`), shown this once and kept only as a hash.' })
  @ApiCreatedResponse({ type: ApiTokenCreatedDto })
  async create(@Body() body: ApiTokenCreateDto, @Req() req: Request): Promise<ApiTokenCreated> {
    const expiresAt = body.expiresAt ?? null;
    const problem = expiryProblem(expiresAt, Date.now());
    if (problem) throw new BadRequestException({ message: 'invalid parameters', details: [problem] });
    return this.tokens.create(body.name, body.scope, expiresAt, actorOf(req));
  }

  @Delete(ADMIN_PATHS.token)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Revokes a token: it opens nothing from now on.' })
  @ApiNoContentResponse({ description: 'Revoked.' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such token.' })
  async revoke(@Param() { id }: TokenParams, @Req() req: Request): Promise<void> {
    if (!(await this.tokens.revoke(id, actorOf(req)))) throw new NotFoundException(`unknown token "${id}"`);
  }
}
