import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CatalogServer, GroupOrder, ServerDetailResponse, ServerUpdate } from '@sss/contracts';

/** ServerDetailResponse as the OpenAPI document describes it. */
export class ServerDetailDto implements ServerDetailResponse {
  @ApiProperty({ example: 'web-1' }) serverId!: string;
  @ApiProperty({ description: 'The configured name, else the name the agent reports.', example: 'Web 1' }) name!: string;
  @ApiProperty() online!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'Unix ms of the last report; null: never reported.' })
  lastSeen!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: 'The latest report exactly as /ws-frontend sends it (PROTOCOL.md, section 2); null: never reported.',
  })
  latest!: ServerUpdate | null;
}

/** CatalogServer as the OpenAPI document describes it. */
export class GroupOrderDto implements GroupOrder {
  @ApiProperty({ type: [String], example: ['production', 'staging'], description: 'Group names, first first.' }) groups!: string[];
}

export class CatalogServerDto implements CatalogServer {
  @ApiProperty({ example: 'web-1' }) serverId!: string;
  @ApiProperty({ description: 'The configured name, else the id.', example: 'Web 1' }) name!: string;
  @ApiPropertyOptional({ example: 'Frankfurt' }) group?: string;
  @ApiPropertyOptional({ example: 'DE' }) countryCode?: string;
  @ApiProperty({ description: "Board order within its group: lower first; 0 for the config file's servers." }) weight!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Unix ms of the last report; null: never reported.' })
  lastSeen!: number | null;
}
