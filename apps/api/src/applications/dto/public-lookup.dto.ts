import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

export const PHONE_LAST4_MESSAGE = 'must be the last 4 digits of the phone number';

/**
 * The citizen's look-up, in a POST body: the code and the phone digits never appear in a URL
 * (browser history, proxy and access logs).
 */
export class PublicLookupDto {
  @ApiProperty({ example: '000.00.12.H00-260105-0001', description: 'The code on the receipt' })
  @IsString()
  @Matches(/^[\x21-\x7e]{1,64}$/, { message: 'must be the code printed on the receipt' })
  code: string;

  @ApiProperty({
    example: '5678',
    description: 'Last 4 digits of the phone number given at reception',
  })
  @IsString()
  @Matches(/^\d{4}$/, { message: PHONE_LAST4_MESSAGE })
  phone: string;
}
