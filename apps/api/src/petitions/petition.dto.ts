import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import type { PetitionView } from '@app/core';
import { PetitionAction, PetitionStatus } from '@app/domain';
import { PHONE_PATTERN } from '../applications/dto/create-application.dto';

export class PetitionerDto {
  @ApiProperty({ example: 'Nguyễn Văn An' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  fullName: string;

  @ApiProperty({ example: 'Số 1 Lê Lợi, phường Đông Thành', description: 'Postal address' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  address: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @Matches(PHONE_PATTERN, { message: 'must be a Vietnamese phone number such as 0912345678' })
  phone?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsEmail({}, { message: 'must be an e-mail address' })
  @MaxLength(200)
  email?: string;
}

export class PublicPetitionDto {
  @ApiProperty({ example: 'Thời gian cấp bản sao văn bằng quá lâu' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(300)
  title: string;

  @ApiProperty({ description: 'The feedback or petition, in Vietnamese' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(10000)
  content: string;

  @ApiProperty({ type: PetitionerDto })
  @ValidateNested()
  @Type(() => PetitionerDto)
  petitioner: PetitionerDto;

  @ApiPropertyOptional({ description: 'The application it concerns' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  applicationCode?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(40)
  procedureCode?: string;

  @ApiProperty({ description: 'The petitioner agrees that the answer is published (redacted)' })
  @IsBoolean()
  consentToPublish: boolean;
}

export class DeskPetitionDto extends PublicPetitionDto {
  @ApiProperty({ enum: ['in_person', 'phone', 'post', 'email'] })
  @IsIn(['in_person', 'phone', 'post', 'email'])
  channel: 'in_person' | 'phone' | 'post' | 'email';
}

export class PetitionActionDto {
  @ApiProperty({ type: 'integer' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ description: 'refuse: why it is not accepted' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  reason?: string;

  @ApiPropertyOptional({ description: 'request-clarification: what to clarify' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  request?: string;

  @ApiPropertyOptional({ description: 'forward: the competent body' })
  @IsOptional()
  @IsString()
  @MaxLength(300)
  toBody?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;

  @ApiPropertyOptional({ description: 'answer: the answer' })
  @IsOptional()
  @IsString()
  @MaxLength(10000)
  answer?: string;
}

export class PetitionForwardDto {
  @ApiProperty({ format: 'date-time' }) forwardedAt: string;
  @ApiProperty() toBody: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
}

const date = () => ApiProperty({ type: String, format: 'date-time' });
const maybeDate = () => ApiProperty({ type: String, format: 'date-time', nullable: true });
const maybeText = () => ApiProperty({ type: String, nullable: true });

export class PetitionDto implements Record<keyof PetitionView, unknown> {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'PAKN-261204-3FA2C1' }) code: string;
  @ApiProperty({ enum: ['web', 'in_person', 'phone', 'post', 'email'] }) channel: string;
  @ApiProperty({ enum: PetitionStatus }) status: PetitionStatus;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ enum: PetitionAction, isArray: true }) availableActions: PetitionAction[];
  @ApiProperty() title: string;
  @ApiProperty() content: string;
  @ApiProperty() petitionerName: string;
  @ApiProperty() petitionerAddress: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Masked in the list (098*******); whole in GET /petitions/{idOrCode}',
  })
  petitionerPhone: string | null;
  @maybeText() petitionerEmail: string | null;
  @maybeText() applicationCode: string | null;
  @maybeText() procedureCode: string | null;
  @ApiProperty() consentToPublish: boolean;
  @ApiProperty({ type: 'integer' }) ruleVersion: number;
  @date() receivedAt: Date;
  @date() refuseDueAt: Date;
  @date() clarifyDueAt: Date;
  @date() forwardDueAt: Date;
  @date() answerDueAt: Date;
  @maybeDate() publishDueAt: Date | null;
  @maybeDate() notAcceptedAt: Date | null;
  @maybeText() notAcceptedReason: string | null;
  @maybeDate() clarificationRequestedAt: Date | null;
  @maybeText() clarificationRequest: string | null;
  @maybeDate() inProgressAt: Date | null;
  @maybeDate() answeredAt: Date | null;
  @maybeText() answer: string | null;
  @maybeDate() publishedAt: Date | null;
  @maybeText() publishedContent: string | null;
  @maybeText() publishedAnswer: string | null;
  @ApiProperty({ type: 'integer' }) version: number;
  @ApiProperty({ type: [PetitionForwardDto] }) forwards: PetitionForwardDto[];
}

export class PublishedPetitionDto {
  @ApiProperty() code: string;
  @ApiProperty() title: string;
  @ApiProperty({ description: 'Personal data removed' }) content: string;
  @ApiProperty({ description: 'Personal data removed' }) answer: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
  @ApiProperty({ format: 'date-time' }) publishedAt: string;
}

export class PublicPetitionReceiptDto {
  @ApiProperty() code: string;
  @ApiProperty() statusLabel: string;
  @ApiProperty({ format: 'date-time' }) receivedAt: string;
  @ApiProperty({ format: 'date-time', description: 'The answer is due by then' })
  answerDueAt: string;
}
