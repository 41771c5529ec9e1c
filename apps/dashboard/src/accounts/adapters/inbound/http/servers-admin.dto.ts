import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  SERVER_ID_PATTERN,
  TRAFFIC_DIRECTIONS,
  type AdminServer,
  type AdminServerCreate,
  type AdminServerEdit,
  type AdminServerSecret,
  type GroupOrder,
  type HistoryOnDelete,
  type InstallCommands,
  type TrafficDirection,
  type TrafficPlan,
} from '@sss/contracts';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';

const COUNTRY = /^[A-Za-z]{2}$/;
/** A field that may be null (cleared) but not absent-and-invalid. */
const unlessNull = ValidateIf((_object, value) => value !== null);

export class TrafficPlanDto implements TrafficPlan {
  @ApiProperty({ minimum: 1, maximum: 31 }) @IsInt() @Min(1) @Max(31) resetDay!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Bytes a period may use; null: no quota.' })
  @unlessNull
  @IsInt()
  @Min(0)
  quotaBytes!: number | null;
  @ApiProperty({ enum: TRAFFIC_DIRECTIONS }) @IsIn(TRAFFIC_DIRECTIONS) direction!: TrafficDirection;
}

export class ServerEditDto implements AdminServerEdit {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 256 }) @IsOptional() @unlessNull @IsString() @Length(1, 256) name?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 256 }) @IsOptional() @unlessNull @IsString() @Length(1, 256) group?:
    string | null;
  @ApiPropertyOptional({ type: String, nullable: true, example: 'DE' })
  @IsOptional()
  @unlessNull
  @Matches(COUNTRY, { message: 'countryCode must be two letters (ISO 3166-1 alpha-2)' })
  countryCode?: string | null;
  @ApiPropertyOptional({ type: [String], maxItems: 32 })
  @IsOptional()
  @ArrayMaxSize(32)
  @IsString({ each: true })
  @Length(1, 64, { each: true })
  tags?: string[];
  @ApiPropertyOptional({ description: 'Shown only to signed-in users.' }) @IsOptional() @IsBoolean() hidden?: boolean;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 4096 }) @IsOptional() @unlessNull @IsString() @Length(0, 4096) notes?:
    string | null;
  @ApiPropertyOptional({ type: TrafficPlanDto, nullable: true })
  @IsOptional()
  @unlessNull
  @ValidateNested()
  @Type(() => TrafficPlanDto)
  traffic?: TrafficPlanDto | null;
  @ApiPropertyOptional({ description: 'Board order among stored servers: lower first.' })
  @IsOptional()
  @IsInt()
  @Min(-1_000_000)
  @Max(1_000_000)
  weight?: number;
}

export class ServerCreateDto extends ServerEditDto implements AdminServerCreate {
  @ApiProperty({ pattern: SERVER_ID_PATTERN.source, example: 'web-2' })
  @IsString()
  @Matches(SERVER_ID_PATTERN, { message: 'serverId must be 1 to 64 letters, digits, "_", "." or "-"' })
  serverId!: string;
}

export class ServerOrderDto {
  @ApiProperty({ type: [String], description: 'Stored server ids in board order; their weights become 0, 10, 20...' })
  @ArrayMaxSize(100_000)
  @Matches(SERVER_ID_PATTERN, { each: true, message: 'each id must be a server id' })
  serverIds!: string[];
}

export class GroupOrderEditDto implements GroupOrder {
  @ApiProperty({ type: [String], maxItems: 1000, description: 'Group names in board order, each once; groups not listed follow by name.' })
  @ArrayMaxSize(1000)
  @ArrayUnique({ message: 'each group may be listed once' })
  @Length(1, 256, { each: true, message: 'each group name must be 1 to 256 characters' })
  @IsString({ each: true })
  // Checked first (the last decorator runs first, and the first failure is the one reported).
  @IsArray()
  groups!: string[];
}

export class DeleteServerParams {
  @ApiProperty({ enum: ['keep', 'purge'], description: "Keep the server's history and traffic, or delete them." })
  @IsIn(['keep', 'purge'], { message: 'history must be keep or purge' })
  history!: HistoryOnDelete;
}

export class AdminServerDto implements AdminServer {
  @ApiProperty() serverId!: string;
  @ApiProperty({ enum: ['config', 'stored'], description: 'config: read-only here, changed in the config file.' }) source!:
    'config' | 'stored';
  @ApiPropertyOptional({ enum: ['admin', 'key', 'kubernetes'] }) via?: 'admin' | 'key' | 'kubernetes';
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional() group?: string;
  @ApiPropertyOptional() countryCode?: string;
  @ApiProperty({ type: [String] }) tags!: string[];
  @ApiProperty() hidden!: boolean;
  @ApiPropertyOptional() notes?: string;
  @ApiPropertyOptional({ type: TrafficPlanDto }) traffic?: TrafficPlanDto;
  @ApiProperty() weight!: number;
  @ApiPropertyOptional({ description: 'Unix ms; stored servers only.' }) createdAt?: number;
}

export class InstallCommandsDto implements InstallCommands {
  @ApiProperty({ description: 'Writes /etc/sss-agent/agent.yaml and starts the systemd unit of deploy/systemd.' }) systemd!: string;
  @ApiProperty({ description: 'Starts the agent image with host access.' }) container!: string;
}

export class AdminServerSecretDto implements AdminServerSecret {
  @ApiProperty({ type: AdminServerDto }) server!: AdminServerDto;
  @ApiProperty({ description: 'Shown this once: only its hash is kept.' }) secret!: string;
  @ApiProperty({ type: InstallCommandsDto }) install!: InstallCommandsDto;
}
