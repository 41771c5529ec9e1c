import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  type AccountRole,
  API_TOKEN_SCOPES,
  type ApiTokenCreated,
  type ApiTokenCreateRequest,
  type ApiTokenScope,
  type ApiTokenSummary,
  type AuditEntry,
  type AuditPage,
  type UserCreateRequest,
  type UserSummary,
  type UserUpdateRequest,
} from '@sss/contracts';
import { IsIn, IsInt, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IntegerParam } from '../../../../platform/http/integer-param';
import { MIN_PASSWORD_LENGTH } from '../../../application/accounts';
import { ROLES } from '../../../domain/account';
import { MAX_PASSWORD, PASSWORD_RULE, USERNAME, USERNAME_RULE } from './auth.dto';

const ROLE_RULE = `role must be one of ${ROLES.join(', ')}`;
const TOKEN_ID = /^[A-Za-z0-9_-]{1,32}$/;
/** Far enough for any plan, near enough to catch a value in seconds or a typo. */
const MAX_TOKEN_LIFETIME_MS = 10 * 365 * 86_400_000;
export const DEFAULT_AUDIT_LIMIT = 50;
export const MAX_AUDIT_LIMIT = 500;
const LIMIT_RULE = `limit must be a whole number from 1 to ${MAX_AUDIT_LIMIT}`;

export class UserParams {
  @ApiProperty({ pattern: USERNAME.source, example: 'ann' })
  @IsString()
  @Matches(USERNAME, { message: USERNAME_RULE })
  username!: string;
}

export class UserCreateDto implements UserCreateRequest {
  @ApiProperty({ pattern: USERNAME.source, example: 'ann' })
  @IsString()
  @Matches(USERNAME, { message: USERNAME_RULE })
  username!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES, { message: ROLE_RULE })
  role!: AccountRole;

  @ApiProperty({ format: 'password', description: 'The initial password (10 to 1,024 characters).' })
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD, { message: PASSWORD_RULE })
  password!: string;
}

export class UserUpdateDto implements UserUpdateRequest {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES, { message: ROLE_RULE })
  role?: AccountRole;

  @ApiPropertyOptional({ format: 'password', description: 'A new password: ends every session of the user.' })
  @IsOptional()
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD, { message: PASSWORD_RULE })
  password?: string;
}

export class UserSummaryDto implements UserSummary {
  @ApiProperty({ example: 'ann' }) username!: string;
  @ApiProperty({ enum: ROLES }) role!: AccountRole;
  @ApiProperty({ enum: ['config', 'stored'], description: '`config`: the admin of the config file, changed only there.' })
  source!: 'config' | 'stored';
}

export class TokenParams {
  @ApiProperty({ pattern: TOKEN_ID.source })
  @IsString()
  @Matches(TOKEN_ID, { message: 'id must be 1 to 32 letters, digits, "_" or "-"' })
  id!: string;
}

export class ApiTokenCreateDto implements ApiTokenCreateRequest {
  @ApiProperty({ example: 'prometheus', description: 'What the token is for (1 to 64 characters).' })
  @IsString()
  @Matches(/^[^\p{Cc}]{1,64}$/u, { message: 'name must be 1 to 64 characters, no control characters' })
  name!: string;

  @ApiProperty({ enum: API_TOKEN_SCOPES, description: "`read`: a viewer's rights; `admin`: an admin's." })
  @IsIn(API_TOKEN_SCOPES, { message: `scope must be one of ${API_TOKEN_SCOPES.join(', ')}` })
  scope!: ApiTokenScope;

  @ApiPropertyOptional({
    type: Number,
    nullable: true,
    description: 'Unix ms in the future, at most 10 years ahead; null or absent: never.',
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsInt({ message: 'expiresAt must be Unix milliseconds or null' })
  @Min(0, { message: 'expiresAt must be Unix milliseconds or null' })
  expiresAt?: number | null;
}

/** The lifetime rule needs the clock, so it is checked at the request, not in the class. */
export function expiryProblem(expiresAt: number | null, now: number): string | undefined {
  if (expiresAt === null) return undefined;
  if (expiresAt <= now) return 'expiresAt must be in the future';
  if (expiresAt > now + MAX_TOKEN_LIFETIME_MS) return 'expiresAt must be at most 10 years ahead';
  return undefined;
}

export class ApiTokenSummaryDto implements ApiTokenSummary {
  @ApiProperty() id!: string;
  @ApiProperty({ example: 'prometheus' }) name!: string;
  @ApiProperty({ enum: API_TOKEN_SCOPES }) scope!: ApiTokenScope;
  @ApiProperty({ example: 'ann' }) createdBy!: string;
  @ApiProperty({ description: 'Unix ms.' }) createdAt!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Unix ms, to the minute; null: never used.' }) lastUsedAt!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Unix ms; null: never expires.' }) expiresAt!: number | null;
}

export class ApiTokenCreatedDto extends ApiTokenSummaryDto implements ApiTokenCreated {
  @ApiProperty({ example: 'sss_...', description: 'The secret: shown this once, never again.' }) token!: string;
}

export class AuditParams {
  @ApiPropertyOptional({ type: Number, description: "Only entries older than this one: the previous page's `nextBefore`." })
  @IsOptional()
  @IntegerParam()
  @IsInt({ message: 'before must be an entry id (a whole number)' })
  before?: number;

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_AUDIT_LIMIT, default: DEFAULT_AUDIT_LIMIT })
  @IsOptional()
  @IntegerParam()
  @IsInt({ message: LIMIT_RULE })
  @Min(1, { message: LIMIT_RULE })
  @Max(MAX_AUDIT_LIMIT, { message: LIMIT_RULE })
  limit?: number;
}

export class AuditEntryDto implements AuditEntry {
  @ApiProperty() id!: number;
  @ApiProperty({ description: 'Unix ms.' }) at!: number;
  @ApiProperty({ example: 'ann', description: 'A username, `token:<name>`, or what was typed at a failed login.' }) actor!: string;
  @ApiProperty({ example: 'user.add' }) action!: string;
  @ApiProperty({ example: 'bob' }) target!: string;
  @ApiProperty({ example: '203.0.113.7' }) remote!: string;
  @ApiProperty({ type: String, nullable: true, example: 'role viewer' }) detail!: string | null;
}

export class AuditPageDto implements AuditPage {
  @ApiProperty({ type: [AuditEntryDto] }) entries!: AuditEntryDto[];
  @ApiProperty({ type: Number, nullable: true }) nextBefore!: number | null;
}
