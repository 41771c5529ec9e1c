// @Type() reads reflect metadata, so the DTOs load it themselves.
import 'reflect-metadata';
import { Expose, Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Limits, SERVER_ID_PATTERN } from './protocol';
import type { CpuInfo, DiskInfo, MemoryInfo, NetworkInfo, ServerInfo, SystemInfo } from './server-info';

// Decorator bundles: every number is finite and non-negative, every string bounded.
const finite = { allowNaN: false, allowInfinity: false };

function Amount(): PropertyDecorator {
  return (target, key) => {
    Expose()(target, key);
    IsNumber(finite)(target, key);
    Min(0)(target, key);
  };
}

function Percent(): PropertyDecorator {
  return (target, key) => {
    Amount()(target, key);
    Max(100)(target, key);
  };
}

/** May be left out; null counts as left out (the key is dropped, not forwarded as null). */
function Optional(): PropertyDecorator {
  return (target, key) => {
    IsOptional()(target, key);
    Transform(({ value }: { value: unknown }) => (value === null ? undefined : value))(target, key);
  };
}

function Text(optional = false): PropertyDecorator {
  return (target, key) => {
    Expose()(target, key);
    if (optional) Optional()(target, key);
    IsString()(target, key);
    MaxLength(Limits.TEXT_MAX_LENGTH)(target, key);
  };
}

/** A nested DTO, or with `many` an array of them: never null, never the other shape. */
function Nested(type: () => new () => object, many = false): PropertyDecorator {
  return (target, key) => {
    Expose()(target, key);
    Type(type)(target, key);
    IsDefined()(target, key);
    if (many) {
      IsArray()(target, key);
      ArrayMaxSize(Limits.MAX_DISKS)(target, key);
      // ValidateNested alone lets null items and nested arrays through.
      IsObject({ each: true })(target, key);
    } else {
      IsObject()(target, key);
    }
    ValidateNested()(target, key);
  };
}

export class CpuInfoDto implements CpuInfo {
  @Percent() percent!: number;
  @Expose() @IsInt() @Min(0) @Max(65_536) cores!: number;
  @Text() modelName!: string;
}

export class MemoryInfoDto implements MemoryInfo {
  @Amount() total!: number;
  @Amount() used!: number;
  @Amount() available!: number;
  @Percent() usedPercent!: number;
}

export class DiskInfoDto implements DiskInfo {
  @Text() path!: string;
  @Amount() total!: number;
  @Amount() used!: number;
  @Amount() free!: number;
  @Percent() usedPercent!: number;
  @Amount() readSpeed!: number;
  @Amount() writeSpeed!: number;
}

export class NetworkInfoDto implements NetworkInfo {
  @Text() interfaceName!: string;
  @Amount() bytesSent!: number;
  @Amount() bytesRecv!: number;
  @Amount() inSpeed!: number;
  @Amount() outSpeed!: number;
}

export class SystemInfoDto implements SystemInfo {
  @Text() hostname!: string;
  @Text() os!: string;
  @Text() platform!: string;
  @Text() arch!: string;
  @Text() kernel!: string;
  @Amount() uptime!: number;
}

export class ServerInfoDto implements ServerInfo {
  @Expose() @IsString() @Matches(SERVER_ID_PATTERN) serverId!: string;
  @Text() serverName!: string;
  @Text(true) group?: string;
  @Expose() @Optional() @IsString() @Length(0, Limits.COUNTRY_CODE_LENGTH) countryCode?: string;
  @Text(true) location?: string;
  @Text(true) ip?: string;
  @Nested(() => CpuInfoDto) cpu!: CpuInfoDto;
  @Nested(() => MemoryInfoDto) memory!: MemoryInfoDto;
  @Nested(() => DiskInfoDto, true) disk!: DiskInfoDto[];
  @Nested(() => NetworkInfoDto) network!: NetworkInfoDto;
  @Nested(() => SystemInfoDto) system!: SystemInfoDto;
  @Amount() timestamp!: number;
}
