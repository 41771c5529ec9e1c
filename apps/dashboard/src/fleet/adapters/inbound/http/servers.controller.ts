import { Controller, Get, OnModuleDestroy, Req, Res, UseGuards } from '@nestjs/common';
import { BoardAccess, seesHidden } from '../../../../accounts';
import { HiddenServers, LiveCatalog } from '../../../../catalog';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SERVERS_API_PATH } from '@sss/contracts';
import type { Request, Response } from 'express';
import { merge, type Subscription } from 'rxjs';
import { FleetFeed } from '../../../application/fleet-feed';

const OPEN = Buffer.from('[');
const COMMA = Buffer.from(',');
const CLOSE = Buffer.from(']');

/**
 * `GET /api/servers`: the snapshot /ws-frontend sends a new client, as one
 * JSON array. A page's index.html asks for it before its scripts load, so the
 * board can be built from one response instead of a thousand messages that
 * the browser hands over only once the app has booted. Public, like /ws-frontend.
 * The app-wide compression (static-site.ts) applies: report JSON compresses
 * well, for a little of a zlib worker thread's time per page load.
 * The array is built once and shared by every request until the fleet
 * changes, so a flood of requests costs no encoding and holds one body
 * (two: one with the hidden servers for signed-in users, one without).
 */
@ApiTags('servers')
// A private board (board.public: false) shows nothing without a login.
@UseGuards(BoardAccess)
@Controller()
export class ServersController implements OnModuleDestroy {
  /** The current snapshot's bytes, with and without hidden servers; undefined once the fleet or the catalog changed since. */
  private bodies: { full?: Buffer; visible?: Buffer } = {};
  private readonly subscription: Subscription;

  constructor(
    private readonly feed: FleetFeed,
    private readonly hidden: HiddenServers,
    catalog: LiveCatalog,
  ) {
    this.subscription = merge(feed.changes$, catalog.changes).subscribe(() => (this.bodies = {}));
  }

  onModuleDestroy(): void {
    this.subscription.unsubscribe();
  }

  @Get(SERVERS_API_PATH)
  @ApiOperation({ summary: 'The latest message of every server that reported: what /ws-frontend sends a new client.' })
  @ApiOkResponse({
    description: 'The report plus online and lastSeen per server (PROTOCOL.md, section 2); [] before any report.',
    schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
  })
  servers(@Req() req: Request, @Res() res: Response): void {
    const body = seesHidden(req)
      ? (this.bodies.full ??= jsonArray(this.feed.snapshot()))
      : (this.bodies.visible ??= jsonArray(this.feed.snapshot((id) => !this.hidden.isHidden(id))));
    // Written directly: Nest would serialise again, Express's send() would hash the body for an ETag nobody uses (no-store).
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.setHeader('Cache-Control', 'no-store'); // live data; the WebSocket carries every change after it
    res.end(body);
  }
}

/** The frontend messages joined as bytes into one array: each is JSON already, nothing is parsed. */
function jsonArray(messages: readonly Uint8Array[]): Buffer {
  const parts: Uint8Array[] = [OPEN];
  for (const message of messages) {
    if (parts.length > 1) parts.push(COMMA);
    parts.push(message);
  }
  parts.push(CLOSE);
  return Buffer.concat(parts);
}
