import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

// Query strings carry text: these turn the plain forms into values and leave anything else
// as it is, so the validators name the field when it is not a number or a boolean.
export const queryInt = ({ value }: { value: unknown }) =>
  typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
export const queryBool = ({ value }: { value: unknown }) =>
  value === 'true' ? true : value === 'false' ? false : value;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the mixin pattern's constructor type
type QueryClass = new (...args: any[]) => object;

/** Adds the keyset page parameters (`cursor`, `limit`) of every list endpoint to a query DTO. */
export function Paged<TBase extends QueryClass>(Base: TBase) {
  class PagedQuery extends Base {
    @ApiPropertyOptional({ description: 'nextCursor from the previous page' })
    @IsOptional()
    @IsString()
    @MaxLength(200)
    cursor?: string;

    @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 200, default: 50 })
    @IsOptional()
    @Transform(queryInt)
    @IsInt({ message: 'must be a whole number' })
    @Min(1)
    @Max(200)
    limit?: number;
  }
  return PagedQuery;
}
