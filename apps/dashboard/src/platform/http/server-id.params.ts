import { NotFoundException } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { SERVER_ID_PATTERN } from '@sss/contracts';
import { IsString, Matches } from 'class-validator';

/** The `:id` of every /api/servers/:id route. */
export class ServerIdParams {
  @ApiProperty({ description: 'The server id (as in the config file).', pattern: SERVER_ID_PATTERN.source, example: 'web-1' })
  @IsString()
  @Matches(SERVER_ID_PATTERN, { message: 'id must be 1 to 64 letters, digits, "_", "." or "-"' })
  id!: string;
}

/** The 404 of an id that is well formed but not a server this dashboard knows. */
export function unknownServer(id: string): NotFoundException {
  return new NotFoundException(`unknown server "${id}"`);
}
