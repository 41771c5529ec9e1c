import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { AgentConnectionView, ConnectionsResponse } from '@sss/contracts';

// The connections API's answer as the OpenAPI document describes it (the shapes are libs/contracts' admin-servers-api.ts).

export class LastErrorDto {
  @ApiProperty({ description: 'Unix ms.' }) at!: number;
  @ApiProperty({ example: 'cpu.percent must not be greater than 100' }) reason!: string;
}

export class AgentConnectionDto implements AgentConnectionView {
  @ApiProperty() serverId!: string;
  @ApiPropertyOptional({ description: "The server's name in the catalog, when it has one." }) name?: string;
  @ApiProperty({ example: '203.0.113.7' }) remote!: string;
  @ApiProperty({ description: 'Unix ms.' }) connectedAt!: number;
  @ApiProperty({ description: 'Reports accepted on this connection.' }) reports!: number;
  @ApiPropertyOptional() agentVersion?: string;
  @ApiPropertyOptional({ type: LastErrorDto }) lastError?: LastErrorDto;
}

export class ConnectionsDto implements ConnectionsResponse {
  @ApiProperty({ type: [AgentConnectionDto] }) agents!: AgentConnectionDto[];
  @ApiProperty({ description: '/ws-frontend clients connected now.' }) frontends!: number;
}
