import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ENROLLMENT_KEY_ID_PATTERN,
  type AdminEnrollmentKey,
  type AdminEnrollmentKeyCreate,
  type AdminEnrollmentKeySecret,
  type EnrollCommands,
} from '@sss/contracts';
import { IsInt, IsOptional, IsString, Length, Matches, ValidateIf } from 'class-validator';

export class EnrollmentKeyCreateDto implements AdminEnrollmentKeyCreate {
  @ApiProperty({ maxLength: 64, example: 'edge fleet' }) @IsString() @Length(1, 64) name!: string;
  @ApiProperty({ maxLength: 256, example: 'edge-[0-9]+', description: 'A regular expression the whole server id must match.' })
  @IsString()
  @Length(1, 256)
  idPattern!: string;
  @ApiPropertyOptional({ maxLength: 256, description: 'The group of the servers it registers.' })
  @IsOptional()
  @IsString()
  @Length(1, 256)
  group?: string;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Unix ms in the future from which it registers nothing; null: never.' })
  @IsOptional()
  @ValidateIf((_object, value) => value !== null)
  @IsInt()
  expiresAt?: number | null;
}

export class EnrollmentKeyParams {
  @ApiProperty({ pattern: ENROLLMENT_KEY_ID_PATTERN.source })
  @Matches(ENROLLMENT_KEY_ID_PATTERN, { message: 'id must be an enrollment key id' })
  id!: string;
}

export class AdminEnrollmentKeyDto implements AdminEnrollmentKey {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['config', 'stored'], description: 'config: read-only here, changed in the config file.' }) source!:
    'config' | 'stored';
  @ApiProperty() name!: string;
  @ApiProperty({ description: 'As written; matched against the whole id.' }) idPattern!: string;
  @ApiPropertyOptional() group?: string;
  @ApiPropertyOptional({ description: 'Unix ms.' }) expiresAt?: number;
  @ApiProperty() revoked!: boolean;
  @ApiPropertyOptional({ description: 'Unix ms; stored keys only.' }) createdAt?: number;
  @ApiPropertyOptional({ description: 'Stored keys only.' }) createdBy?: string;
}

export class EnrollCommandsDto implements EnrollCommands {
  @ApiProperty({ description: "Writes /etc/sss-agent/agent.yaml (the id: the host's short name) and starts the systemd unit." })
  systemd!: string;
  @ApiProperty({ description: 'Starts the agent image with host access and a volume for its secret.' }) container!: string;
  @ApiProperty({ description: "The agent's environment variables, one NAME=value a line." }) env!: string;
}

export class AdminEnrollmentKeySecretDto implements AdminEnrollmentKeySecret {
  @ApiProperty({ type: AdminEnrollmentKeyDto }) key!: AdminEnrollmentKeyDto;
  @ApiProperty({ description: 'Shown this once: only its hash is kept.' }) secret!: string;
  @ApiProperty({ type: EnrollCommandsDto }) enroll!: EnrollCommandsDto;
}
