import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export class PublicLookupQuery {
  @ApiProperty({
    example: '5678',
    description: 'Last 4 digits of the phone number given at reception',
  })
  @IsString()
  @Matches(/^\d{4}$/, { message: 'must be the last 4 digits of the phone number' })
  phone: string;
}
