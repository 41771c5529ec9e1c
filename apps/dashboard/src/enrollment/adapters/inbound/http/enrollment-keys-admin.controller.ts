import {
  BadRequestException,
  Body,
  ConflictException,
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
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ADMIN_ENROLLMENT_KEYS_PATH, type AdminEnrollmentKey, type AdminEnrollmentKeySecret } from '@sss/contracts';
import type { Request } from 'express';
import { actorOf, AuditTrail, enrollCommands, expiryProblem, reportUrlOf } from '../../../../accounts';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { anchoredIdPattern } from '../../../domain/enrollment-key';
import { LiveEnrollmentKeys, ReadOnlyKeyError, UnknownKeyError } from '../../../application/live-enrollment-keys';
import {
  AdminEnrollmentKeyDto,
  AdminEnrollmentKeySecretDto,
  EnrollmentKeyCreateDto,
  EnrollmentKeyParams,
} from './enrollment-keys-admin.dto';
import { AdminOnly } from '../../../../accounts';

/** Enrollment keys for admins (README "Enrollment"): changes apply at once, no restart. */
@AdminOnly()
@Controller(ADMIN_ENROLLMENT_KEYS_PATH)
@ApiBadRequestResponse({ type: ApiErrorDto, description: 'An invalid body or parameter; `details` says which.' })
export class EnrollmentKeysAdminController {
  constructor(
    private readonly keys: LiveEnrollmentKeys,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({
    summary: "Every enrollment key: the config file's (read-only here), then the stored ones, oldest first. Never a secret.",
  })
  @ApiOkResponse({ type: [AdminEnrollmentKeyDto] })
  list(): AdminEnrollmentKey[] {
    return this.keys.list();
  }

  @Post()
  @ApiOperation({
    summary: 'Makes a key with a random secret: the secret and the commands that enroll an agent with it are in the answer, this once.',
  })
  @ApiCreatedResponse({ type: AdminEnrollmentKeySecretDto })
  async create(@Body() { expiresAt, ...body }: EnrollmentKeyCreateDto, @Req() req: Request): Promise<AdminEnrollmentKeySecret> {
    const problems = [patternProblem(body.idPattern), expiryProblem(expiresAt ?? null, Date.now())].filter(Boolean);
    if (problems.length) throw new BadRequestException({ message: 'invalid parameters', details: problems });
    const { name, remote } = actorOf(req);
    const { key, secret } = await this.keys.create({ ...body, ...(typeof expiresAt === 'number' && { expiresAt }) }, name);
    await this.audit.record({
      actor: name,
      action: 'enrollment-key.create',
      target: key.id,
      remote,
      detail: `${key.name}: ${key.idPattern}`,
    });
    return { key, secret, enroll: enrollCommands(reportUrlOf(req), secret) };
  }

  @Post(':id/revoke')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Revokes a stored key: it enrolls nothing from now on; servers it enrolled keep their own secrets.' })
  @ApiOkResponse({ type: AdminEnrollmentKeyDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The key is from the config file.' })
  async revoke(@Param() { id }: EnrollmentKeyParams, @Req() req: Request): Promise<AdminEnrollmentKey> {
    const key = await this.keys.revoke(id).catch(rethrow);
    await this.record(req, 'enrollment-key.revoke', id);
    return key;
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Deletes a stored key: it enrolls nothing from now on; servers it enrolled keep their own secrets.' })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The key is from the config file.' })
  async remove(@Param() { id }: EnrollmentKeyParams, @Req() req: Request): Promise<void> {
    await this.keys.remove(id).catch(rethrow);
    await this.record(req, 'enrollment-key.delete', id);
  }

  private record(req: Request, action: string, target: string): Promise<void> {
    const { name, remote } = actorOf(req);
    return this.audit.record({ actor: name, action, target, remote });
  }
}

/** The pattern is compiled as the config file's are (anchored); what is wrong with it, or undefined. */
function patternProblem(idPattern: string): string | undefined {
  try {
    anchoredIdPattern(idPattern);
    return undefined;
  } catch (err) {
    return `idPattern is not a valid regular expression: ${(err as Error).message}`;
  }
}

function rethrow(error: unknown): never {
  if (error instanceof UnknownKeyError) throw new NotFoundException(error.message);
  if (error instanceof ReadOnlyKeyError) throw new ConflictException(error.message);
  throw error;
}
