import { ApiProperty } from '@nestjs/swagger';

export class StreamTicketDto {
  @ApiProperty({
    description: 'Pass as ?ticket= to GET /api/v1/metrics/stream; valid once',
    example: 'q1Z3n0v7cX0kq4m5Yb8n2f9wJr6tL1aHs0dE3pG7uKc',
  })
  ticket: string;

  @ApiProperty({ format: 'date-time', description: 'Unused after this instant, it is refused' })
  expiresAt: string;
}
