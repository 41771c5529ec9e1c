import { Controller, Get, Res, UseGuards } from '@nestjs/common';
import { BoardAccess } from '../../../../accounts';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SERVERS_API_PATH } from '@sss/contracts';
import type { Response } from 'express';
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
 */
@ApiTags('servers')
// A private board (board.public: false) shows nothing without a login.
@UseGuards(BoardAccess)
@Controller()
export class ServersController {
  constructor(private readonly feed: FleetFeed) {}

  @Get(SERVERS_API_PATH)
  @ApiOperation({ summary: 'The latest message of every server that reported: what /ws-frontend sends a new client.' })
  @ApiOkResponse({
    description: 'The report plus online and lastSeen per server (PROTOCOL.md, section 2); [] before any report.',
    schema: { type: 'array', items: { type: 'object', additionalProperties: true } },
  })
  servers(@Res() res: Response): void {
    const body = jsonArray(this.feed.snapshot());
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
