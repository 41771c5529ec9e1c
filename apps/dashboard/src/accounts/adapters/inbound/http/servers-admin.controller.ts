import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Patch,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
} from '@nestjs/swagger';
import { ADMIN_SERVERS_PATH, type AdminServer, type AdminServerSecret } from '@sss/contracts';
import type { Request } from 'express';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { ServerIdParams } from '../../../../platform/http/server-id.params';
import {
  LiveCatalog,
  ReadOnlyServerError,
  ServerIdTakenError,
  UnknownServerError,
  type CatalogEntry,
  type StoredServerView,
} from '../../../../catalog';
import { AuditTrail } from '../../../application/audit-trail';
import { actorOf } from './session.guard';
import { installCommands, reportUrlOf } from './install-commands';
import {
  AdminServerDto,
  AdminServerSecretDto,
  DeleteServerParams,
  ServerCreateDto,
  ServerEditDto,
  ServerOrderDto,
} from './servers-admin.dto';
import { AdminOnly } from './admin-only.decorator';

/** Server management for admins (README "Server management"): changes apply at once, no restart. */
@AdminOnly()
@Controller(ADMIN_SERVERS_PATH)
export class ServersAdminController {
  constructor(
    private readonly catalog: LiveCatalog,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({ summary: "Every server: the config file's (read-only here), then the stored ones in board order." })
  @ApiOkResponse({ type: [AdminServerDto] })
  list(): AdminServer[] {
    const configured = this.catalog
      .list()
      .filter((entry) => this.catalog.isConfigured(entry.id))
      .map(configView);
    return [...configured, ...this.catalog.storedServers().map(storedView)];
  }

  @Post()
  @ApiOperation({ summary: 'Adds a server: its secret and install commands are in the answer, this once.' })
  @ApiCreatedResponse({ type: AdminServerSecretDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The id is taken.' })
  async create(@Body() { serverId, ...details }: ServerCreateDto, @Req() req: Request): Promise<AdminServerSecret> {
    const { secret } = await this.catalog.register({ id: serverId }, 'admin', details).catch(rethrow);
    await this.record(req, 'server.add', serverId);
    return this.withSecret(serverId, secret, req);
  }

  @Post('order')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Sets the board order of stored servers: the listed ones get weights 0, 10, 20...' })
  @ApiOkResponse({ type: [AdminServerDto] })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'A listed server is from the config file.' })
  async order(@Body() { serverIds }: ServerOrderDto, @Req() req: Request): Promise<AdminServer[]> {
    for (const [i, id] of serverIds.entries()) await this.catalog.edit(id, { weight: i * 10 }).catch(rethrow);
    await this.record(req, 'server.order', serverIds.join(','));
    return this.list();
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Changes a stored server; null clears a field.' })
  @ApiOkResponse({ type: AdminServerDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The server is from the config file.' })
  async edit(@Param() { id }: ServerIdParams, @Body() edit: ServerEditDto, @Req() req: Request): Promise<AdminServer> {
    const server = storedView(await this.catalog.edit(id, edit).catch(rethrow));
    await this.record(req, 'server.edit', id, Object.keys(edit).join(','));
    return server;
  }

  @Post(':id/secret')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Gives a stored server a new secret (shown this once); its connected agent is closed with 1008.' })
  @ApiOkResponse({ type: AdminServerSecretDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The server is from the config file.' })
  async rotate(@Param() { id }: ServerIdParams, @Req() req: Request): Promise<AdminServerSecret> {
    const secret = await this.catalog.rotateSecret(id).catch(rethrow);
    await this.record(req, 'server.rotate-secret', id);
    return this.withSecret(id, secret, req);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Removes a stored server, keeping or purging its history; its connected agent is closed with 1008.' })
  @ApiNoContentResponse({ description: 'Removed.' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'The server is from the config file.' })
  async remove(@Param() { id }: ServerIdParams, @Query() { history }: DeleteServerParams, @Req() req: Request): Promise<void> {
    await this.catalog.remove(id, history === 'purge').catch(rethrow);
    await this.record(req, 'server.remove', id, `history ${history}`);
  }

  private record(req: Request, action: string, target: string, detail?: string): Promise<void> {
    const { name, remote } = actorOf(req);
    return this.audit.record({ actor: name, action, target, remote, ...(detail ? { detail } : {}) });
  }

  private withSecret(id: string, secret: string, req: Request): AdminServerSecret {
    return {
      server: storedView(this.catalog.storedServer(id)!),
      secret,
      install: installCommands(reportUrlOf(req), id, secret),
    };
  }
}

function configView({ id, name, group, countryCode, traffic, hidden }: CatalogEntry): AdminServer {
  return { serverId: id, source: 'config', ...present({ name, group, countryCode, traffic }), tags: [], hidden: !!hidden, weight: 0 };
}

function storedView({ id, ...server }: StoredServerView): AdminServer {
  return { serverId: id, source: 'stored', ...server };
}

/** The object without its undefined fields. */
function present<T extends object>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined && value !== null)) as Partial<T>;
}

function rethrow(error: unknown): never {
  if (error instanceof UnknownServerError) throw new NotFoundException(`no server ${error.serverId}`);
  if (error instanceof ReadOnlyServerError || error instanceof ServerIdTakenError) throw new ConflictException(error.message);
  throw error;
}
