// @Type() reads reflect metadata, so the DTOs load it themselves.
import 'reflect-metadata';
import { Expose, Type } from 'class-transformer';
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
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { Limits, SERVER_ID_PATTERN } from './protocol';
import type {
  ConnectionsInfo,
  CpuInfo,
  DiskInfo,
  GpuInfo,
  InterfaceInfo,
  LoadInfo,
  MemoryInfo,
  NetworkInfo,
  ServerInfo,
  SwapInfo,
  SystemInfo,
  TemperatureInfo,
} from './server-info';

// Decorator bundles: every number is finite and non-negative (but `celsius`), every string bounded.
const finite = { allowNaN: false, allowInfinity: false };

/**
 * The optional fields of protocol 1.1 may be absent, never null: a client typed
 * as `load?: LoadInfo` must not receive `load: null`. (The 1.0 optional strings
 * keep @IsOptional, which lets null through, as they always did.)
 */
const present = (_owner: object, value: unknown) => value !== undefined;

function Amount(optional = false): PropertyDecorator {
  return (target, key) => {
    Expose()(target, key);
    if (optional) ValidateIf(present)(target, key);
    IsNumber(finite)(target, key);
    Min(0)(target, key);
  };
}

function Percent(optional = false): PropertyDecorator {
  return (target, key) => {
    Amount(optional)(target, key);
    Max(100)(target, key);
  };
}

/** Degrees Celsius: the one number that may be negative. */
function Celsius(optional = false): PropertyDecorator {
  return (target, key) => {
    Expose()(target, key);
    if (optional) ValidateIf(present)(target, key);
    IsNumber(finite)(target, key);
  };
}

/** `optional` is true for the 1.0 fields (@IsOptional), 'absent' for the 1.1 ones (see `present`). */
function Text(optional: boolean | 'absent' = false, maxLength: number = Limits.TEXT_MAX_LENGTH): PropertyDecorator {
  return (target, key) => {
    Expose()(target, key);
    if (optional === true) IsOptional()(target, key);
    if (optional === 'absent') ValidateIf(present)(target, key);
    IsString()(target, key);
    MaxLength(maxLength)(target, key);
  };
}

interface NestedOptions {
  /** An array of at most this many items instead of one object. */
  many?: number;
  /** May be absent (never null): the 1.1 fields. */
  optional?: boolean;
}

/** A nested DTO, or with `many` an array of them: never null, never the other shape. */
function Nested(type: () => new () => object, { many, optional = false }: NestedOptions = {}): PropertyDecorator {
  return (target, key) => {
    Expose()(target, key);
    Type(type)(target, key);
    if (optional) ValidateIf(present)(target, key);
    IsDefined()(target, key);
    if (many !== undefined) {
      IsArray()(target, key);
      ArrayMaxSize(many)(target, key);
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
  @Percent(true) iowait?: number;
  @Percent(true) steal?: number;
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

export class InterfaceInfoDto implements InterfaceInfo {
  @Text() name!: string;
  @Amount() bytesSent!: number;
  @Amount() bytesRecv!: number;
  @Amount() inSpeed!: number;
  @Amount() outSpeed!: number;
}

export class NetworkInfoDto implements NetworkInfo {
  @Text() interfaceName!: string;
  @Amount() bytesSent!: number;
  @Amount() bytesRecv!: number;
  @Amount() inSpeed!: number;
  @Amount() outSpeed!: number;
  @Nested(() => InterfaceInfoDto, { many: Limits.MAX_INTERFACES, optional: true }) interfaces?: InterfaceInfoDto[];
}

export class SystemInfoDto implements SystemInfo {
  @Text() hostname!: string;
  @Text() os!: string;
  @Text() platform!: string;
  @Text() arch!: string;
  @Text() kernel!: string;
  @Amount() uptime!: number;
  @Amount(true) bootTime?: number;
  @Text('absent') virtualization?: string;
}

export class LoadInfoDto implements LoadInfo {
  @Amount() load1!: number;
  @Amount() load5!: number;
  @Amount() load15!: number;
}

export class SwapInfoDto implements SwapInfo {
  @Amount() total!: number;
  @Amount() used!: number;
  @Percent() usedPercent!: number;
}

export class ConnectionsInfoDto implements ConnectionsInfo {
  @Amount() tcp!: number;
  @Amount() udp!: number;
}

export class TemperatureInfoDto implements TemperatureInfo {
  @Text() sensor!: string;
  @Celsius() celsius!: number;
}

export class GpuInfoDto implements GpuInfo {
  @Text() name!: string;
  @Percent() utilPercent!: number;
  @Amount() memoryTotal!: number;
  @Amount() memoryUsed!: number;
  @Celsius(true) celsius?: number;
}

export class ServerInfoDto implements ServerInfo {
  @Expose() @IsString() @Matches(SERVER_ID_PATTERN) serverId!: string;
  @Text() serverName!: string;
  @Text(true) group?: string;
  @Expose() @IsOptional() @IsString() @Length(0, Limits.COUNTRY_CODE_LENGTH) countryCode?: string;
  @Text(true) location?: string;
  @Text(true) ip?: string;
  @Nested(() => CpuInfoDto) cpu!: CpuInfoDto;
  @Nested(() => MemoryInfoDto) memory!: MemoryInfoDto;
  @Nested(() => DiskInfoDto, { many: Limits.MAX_DISKS }) disk!: DiskInfoDto[];
  @Nested(() => NetworkInfoDto) network!: NetworkInfoDto;
  @Nested(() => SystemInfoDto) system!: SystemInfoDto;
  @Amount() timestamp!: number;
  // Optional fields of protocol 1.1: absent when the agent cannot read them, never null.
  @Nested(() => LoadInfoDto, { optional: true }) load?: LoadInfoDto;
  @Nested(() => SwapInfoDto, { optional: true }) swap?: SwapInfoDto;
  @Amount(true) processes?: number;
  @Nested(() => ConnectionsInfoDto, { optional: true }) connections?: ConnectionsInfoDto;
  @Nested(() => TemperatureInfoDto, { many: Limits.MAX_TEMPERATURES, optional: true }) temperatures?: TemperatureInfoDto[];
  @Nested(() => GpuInfoDto, { many: Limits.MAX_GPUS, optional: true }) gpu?: GpuInfoDto[];
  @Text('absent', Limits.AGENT_VERSION_MAX_LENGTH) agentVersion?: string;
}
