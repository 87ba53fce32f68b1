import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
} from 'class-validator';
import { TransitionDto } from './transition.dto';

// Bodies of the actions whose record must hold a fact (libs/domain RECORD_REQUIREMENTS).

export class ReceiveSupplementDto extends TransitionDto {
  @ApiProperty({
    type: [String],
    example: ['Bản sao chứng thực CCCD'],
    description: 'What the supplement brought',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  items: string[];
}

export class RequirePaymentDto extends TransitionDto {
  @ApiProperty({ type: 'integer', example: 150000, description: 'The amount to pay, in đồng' })
  @IsInt()
  @Min(1)
  @Max(1_000_000_000_000)
  amountVnd: number;

  @ApiPropertyOptional({ example: 'Phí thẩm định hồ sơ' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}

export class RequestWithdrawalDto extends TransitionDto {
  @ApiProperty({ example: 'Công dân đề nghị rút hồ sơ', description: "The applicant's reason" })
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  reason: string;
}
