import { Body, Controller, Get, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { ADMIN_GROUP_ORDER_PATH, type GroupOrder } from '@sss/contracts';
import type { Request } from 'express';
import { LiveCatalog } from '../../../../catalog';
import { ApiErrorDto } from '../../../../platform/http/api-error.dto';
import { AuditTrail } from '../../../application/audit-trail';
import { GroupOrderEditDto } from './servers-admin.dto';
import { actorOf } from './session.guard';
import { AdminOnly } from './admin-only.decorator';

/** The board's order of groups for admins (README "Server management"); the board reads it from `/api/catalog/groups`. */
@AdminOnly()
@Controller(ADMIN_GROUP_ORDER_PATH)
export class GroupOrderAdminController {
  constructor(
    private readonly catalog: LiveCatalog,
    private readonly audit: AuditTrail,
  ) {}

  @Get()
  @ApiOperation({ summary: "The board's order of groups, first first (every name, hidden servers' groups too)." })
  @ApiOkResponse({ type: GroupOrderEditDto })
  get(): GroupOrder {
    return { groups: [...this.catalog.groupOrder()] };
  }

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Replaces the order of groups: the listed ones first, in this order; the others follow by name.' })
  @ApiOkResponse({ type: GroupOrderEditDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'A name listed twice, empty or longer than 256 characters.' })
  async set(@Body() { groups }: GroupOrderEditDto, @Req() req: Request): Promise<GroupOrder> {
    const saved = await this.catalog.setGroupOrder(groups);
    const { name, remote } = actorOf(req);
    await this.audit.record({ actor: name, action: 'group.order', target: groups.join(','), remote });
    return { groups: [...saved] };
  }
}
