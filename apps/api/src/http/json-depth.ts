/**
 * How deep a JSON request body may nest. The deepest DTO nests three levels; the cap leaves
 * room while keeping every recursive step after parsing (NFC normalisation, class-transformer,
 * class-validator) far from the stack limit: a body 5,000 levels deep used to overflow it (500).
 */
export const MAX_JSON_DEPTH = 32;

/**
 * The deepest nesting of objects and arrays in a JSON text, counted without parsing it and
 * stopping as soon as `limit` is passed (one pass, no recursion). Brackets inside strings do
 * not count. Invalid JSON is left for the parser to report.
 */
export function jsonDepthExceeds(text: string, limit: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c /* \ */) {
        i++;
      } else if (c === 0x22 /* " */) {
        inString = false;
      }
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x7b /* { */ || c === 0x5b /* [ */) {
      if (++depth > limit) {
        return true;
      }
    } else if (c === 0x7d /* } */ || c === 0x5d /* ] */) {
      depth--;
    }
  }
  return false;
}
