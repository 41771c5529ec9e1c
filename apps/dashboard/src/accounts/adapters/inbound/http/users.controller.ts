import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ADMIN_PATHS, type UserSummary } from '@sss/contracts';
import type { Request } from 'express';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { UserAdmin } from '../../../application/user-admin';
import { UserCreateDto, UserParams, UserSummaryDto, UserUpdateDto } from './admin.dto';
import { refusal } from './admin-errors';
import { actorOf } from './session.guard';
import { AdminOnly } from './admin-only.decorator';

/** `/api/admin/users`: admins list, add, change and remove users (README "Accounts"). */
@AdminOnly()
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'An invalid body or parameter; `details` says which.' })
@Controller()
export class UsersController {
  constructor(private readonly users: UserAdmin) {}

  @Get(ADMIN_PATHS.users)
  @ApiOperation({ summary: 'Every user: the config file’s admin first, then the stored ones by name. Never a password or hash.' })
  @ApiOkResponse({ type: [UserSummaryDto] })
  list(): Promise<UserSummary[]> {
    return this.users.list();
  }

  @Post(ADMIN_PATHS.users)
  @ApiOperation({ summary: 'Adds a user with a role and an initial password.' })
  @ApiCreatedResponse({ type: UserSummaryDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The username is taken.' })
  async add(@Body() body: UserCreateDto, @Req() req: Request): Promise<UserSummary> {
    const refused = await this.users.add(body.username, body.role, body.password, actorOf(req));
    if (refused) throw refusal(refused, body.username);
    return { username: body.username, role: body.role, source: 'stored' };
  }

  @Patch(ADMIN_PATHS.user)
  @ApiOperation({ summary: "Changes a user's role and/or password; a new password ends every session of the user." })
  @ApiOkResponse({ type: UserSummaryDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such user.' })
  @ApiConflictResponse({ type: ApiErrorDto, description: "The last admin's demotion, or the config file's admin." })
  async update(@Param() { username }: UserParams, @Body() body: UserUpdateDto, @Req() req: Request): Promise<UserSummary> {
    const answer = await this.users.update(username, body, actorOf(req));
    if (typeof answer === 'string') throw refusal(answer, username);
    return answer;
  }

  @Delete(ADMIN_PATHS.user)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Removes a user; every session of the user ends.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such user.' })
  @ApiConflictResponse({ type: ApiErrorDto, description: "The last admin, or the config file's admin." })
  async remove(@Param() { username }: UserParams, @Req() req: Request): Promise<void> {
    const refused = await this.users.remove(username, actorOf(req));
    if (refused) throw refusal(refused, username);
  }
}
