import * as fontkit from 'fontkit';
import { loadDocumentFonts, type FontStyle } from './fonts';

// Every letter of the Vietnamese alphabet with every tone mark, lower and upper case.
const VOWELS = 'aăâeêioôơuưy';
const TONES = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
const LETTERS = [...VOWELS].flatMap((v) => TONES.map((t) => (v + t).normalize('NFC')));
const ALPHABET = [...LETTERS, ...'bcdđghklmnpqrstvx'].join('');
const ALL = ALPHABET + ALPHABET.toLocaleUpperCase('vi') + '0123456789.,:;/()–-…"';

describe('document fonts', () => {
  const fonts = loadDocumentFonts();

  it('finds the font files through the package', () => {
    expect(fonts.regularPath).toMatch(
      /node_modules\/@expo-google-fonts\/noto-serif\/400Regular\/NotoSerif_400Regular\.ttf$/,
    );
  });

  it.each(['regular', 'bold', 'italic', 'boldItalic'] satisfies FontStyle[])(
    '%s draws every Vietnamese letter precomposed (ầ ẫ ặ ự ỗ đ Đ …)',
    (style) => {
      const font = fontkit.create(fonts.faces[style]) as fontkit.Font;
      const missing = [...ALL].filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
      expect(missing).toEqual([]);
      expect(ALL).toContain('ầ');
      expect(ALL).toContain('Đ');
    },
  );
});
