import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ApiError } from '@sss/contracts';

/** ApiError as the OpenAPI document describes it. */
export class ApiErrorDto implements ApiError {
  @ApiProperty({ example: 404 }) statusCode!: number;
  @ApiProperty({ description: "The status code's text.", example: 'Not Found' }) error!: string;
  @ApiProperty({ example: 'unknown server "web-9"' }) message!: string;
  @ApiPropertyOptional({ type: [String], description: 'One line per invalid parameter (400 only).', example: ['limit must be 1 to 500'] })
  details?: string[];
}
