import { ValidateBy, ValidationOptions } from 'class-validator';

/** A string of at most `max` bytes in UTF-8 (a length in characters would let 3× through). */
export function MaxBytes(max: number, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'maxBytes',
      constraints: [max],
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' && Buffer.byteLength(value, 'utf8') <= max,
        defaultMessage: () => `must be at most ${max} bytes in UTF-8`,
      },
    },
    options,
  );
}
