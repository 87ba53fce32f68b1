import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { DomainError } from '@app/domain';

/** PostgreSQL `integer`, the column a path number is compared with. */
const INT_MAX = 2147483647;

/**
 * A path parameter that must be a whole number from 1 to 2^31 − 1, else a 400 naming it.
 * ParseIntPipe alone let 1e20 through: the global ValidationPipe had already made the text a
 * number, whose String() is all digits, and PostgreSQL then refused it (a 500; API fuzz).
 */
@Injectable()
export class PositiveIntPipe implements PipeTransform<unknown, number> {
  transform(value: unknown, metadata: ArgumentMetadata): number {
    const text = typeof value === 'number' || typeof value === 'string' ? String(value) : '';
    const n = /^[1-9]\d{0,9}$/.test(text) ? Number(text) : NaN;
    if (!(n <= INT_MAX)) {
      throw DomainError.validation(
        metadata.data ?? 'parameter',
        `must be a whole number from 1 to ${INT_MAX}`,
      );
    }
    return n;
  }
}
