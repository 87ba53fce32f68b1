/**
 * Accent-insensitive search without the `unaccent` extension: the query is folded by the
 * domain's searchKey() and the column by SQL `lower(translate(...))` with this map, so
 * "cap ban sao" finds "Cấp bản sao". Text is NFC throughout (the API normalises every input).
 */
const VOWELS = 'aăâeêioôơuưyAĂÂEÊIOÔƠUƯY';
const TONE_MARKS = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];

function buildTranslateMap(): { from: string; to: string } {
  let from = 'đĐ';
  let to = 'dD';
  for (const vowel of VOWELS) {
    for (const mark of TONE_MARKS) {
      const letter = (vowel + mark).normalize('NFC');
      const plain = letter.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
      if (letter.length === 1 && letter !== plain) {
        from += letter;
        to += plain;
      }
    }
  }
  return { from, to };
}

const MAP = buildTranslateMap();

/** Arguments for SQL `lower(translate(column, SQL_FOLD_FROM, SQL_FOLD_TO))`. */
export const SQL_FOLD_FROM = MAP.from;
export const SQL_FOLD_TO = MAP.to;
