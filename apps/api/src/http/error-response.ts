import { ApiProperty } from '@nestjs/swagger';

export class FieldProblemDto {
  @ApiProperty({ example: 'applicant.phone' }) field: string;
  @ApiProperty({ example: 'must be a Vietnamese phone number' }) reason: string;
}

/** The one error shape every endpoint answers with. */
export class ErrorResponseDto {
  @ApiProperty({ type: 'integer', example: 400 }) statusCode: number;
  @ApiProperty({ example: 'VALIDATION_FAILED' }) code: string;
  @ApiProperty() message: string;
  @ApiProperty({ type: [FieldProblemDto] }) details: FieldProblemDto[];
  @ApiProperty({ required: false, description: 'For conflicts: the current state of the resource' })
  current?: unknown;
  @ApiProperty({ required: false, description: 'For server errors: quote it to the administrator' })
  correlationId?: string;
}
