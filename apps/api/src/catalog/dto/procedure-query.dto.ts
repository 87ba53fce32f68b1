import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ONLINE_LEVELS, OnlineLevelValue } from './procedure.dto';

export class ListProceduresQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  departmentId?: string;

  @ApiPropertyOptional({ description: 'Part of the code or name; accents and case ignored' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ enum: ONLINE_LEVELS })
  @IsOptional()
  @IsIn(ONLINE_LEVELS)
  onlineLevel?: OnlineLevelValue;

  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(200)
  limit?: number;
}

export class ProcedureCodeParamDto {
  @ApiProperty({ example: '2.001914' })
  @IsString()
  @MaxLength(50)
  code: string;
}

export class ProcedureVersionQueryDto {
  @ApiPropertyOptional({ type: 'integer', description: 'A past version; default the current one' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  version?: number;
}
