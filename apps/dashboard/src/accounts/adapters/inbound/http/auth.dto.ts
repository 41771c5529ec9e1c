import { ApiProperty } from '@nestjs/swagger';
import type { AccountResponse, AccountRole, LoginRequest, PasswordChangeRequest, SetupRequest } from '@sss/contracts';
import { IsString, Length, Matches } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../../../application/accounts';

export const USERNAME = /^[A-Za-z0-9._-]{1,64}$/;
export const USERNAME_RULE = 'username must be 1 to 64 letters, digits, ".", "_" or "-"';
/** Long enough for any passphrase, short enough that hashing it costs what hashing any password costs. */
export const MAX_PASSWORD = 1024;
export const PASSWORD_RULE = `password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD} characters`;

export class LoginDto implements LoginRequest {
  @ApiProperty({ example: 'admin' })
  @IsString()
  @Length(1, 64)
  username!: string;

  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, MAX_PASSWORD)
  password!: string;
}

export class SetupDto implements SetupRequest {
  @ApiProperty({ description: 'The token of the one-time setup link from the dashboard log.' })
  @IsString()
  @Length(1, 256)
  token!: string;

  @ApiProperty({ example: 'admin', pattern: USERNAME.source })
  @IsString()
  @Matches(USERNAME, { message: USERNAME_RULE })
  username!: string;

  @ApiProperty({ format: 'password', minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD, { message: PASSWORD_RULE })
  password!: string;
}

export class PasswordChangeDto implements PasswordChangeRequest {
  @ApiProperty({ format: 'password' })
  @IsString()
  @Length(1, MAX_PASSWORD)
  current!: string;

  @ApiProperty({ format: 'password', minLength: MIN_PASSWORD_LENGTH })
  @IsString()
  @Length(MIN_PASSWORD_LENGTH, MAX_PASSWORD, { message: `next must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD} characters` })
  next!: string;
}

export class AccountDto implements AccountResponse {
  @ApiProperty({ example: 'admin' })
  username!: string;

  @ApiProperty({ enum: ['admin', 'viewer'] })
  role!: AccountRole;
}
