import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

/**
 * Noto Serif, full Google Fonts TTFs (every Vietnamese letter, precomposed and combining).
 * Not @fontsource: its files are split per subset, so no single file holds both "a" and "ầ",
 * and pdfkit draws a run of text with one font file.
 */
const FONT_PACKAGE = '@expo-google-fonts/noto-serif';

const FONT_FILES = {
  regular: '400Regular/NotoSerif_400Regular.ttf',
  bold: '700Bold/NotoSerif_700Bold.ttf',
  italic: '400Regular_Italic/NotoSerif_400Regular_Italic.ttf',
  boldItalic: '700Bold_Italic/NotoSerif_700Bold_Italic.ttf',
} as const;

export type FontStyle = keyof typeof FONT_FILES;

export interface DocumentFonts {
  /** File of the regular face: the font a new document starts with. */
  regularPath: string;
  faces: Record<FontStyle, Buffer>;
}

/**
 * Where a data file of a package lies, by Node's own resolution (require.resolve semantics).
 * Not a bare `require.resolve(request)`: webpack rewrites that into a bundle context that
 * cannot find data files. A require made at run time from this file (the bundle,
 * dist/apps/api/main.js, once built) walks up to node_modules; the working directory is the
 * last resort (a bundle copied away from its node_modules but started from the project root).
 */
function resolvePackageFile(request: string): string {
  const from = [__filename, join(process.cwd(), 'package.json')];
  for (const origin of from) {
    try {
      const found = createRequire(origin).resolve(request);
      if (existsSync(found)) {
        return found;
      }
    } catch {
      // try the next origin
    }
  }
  throw new Error(`Font file ${request} not found: is ${FONT_PACKAGE} installed?`);
}

let loaded: DocumentFonts | undefined;

/** Reads the font files once (call at startup so a missing package fails the boot, not a request). */
export function loadDocumentFonts(): DocumentFonts {
  if (!loaded) {
    const path = (style: FontStyle) => resolvePackageFile(`${FONT_PACKAGE}/${FONT_FILES[style]}`);
    const styles = Object.keys(FONT_FILES) as FontStyle[];
    loaded = {
      regularPath: path('regular'),
      faces: Object.fromEntries(styles.map((s) => [s, readFileSync(path(s))])) as Record<
        FontStyle,
        Buffer
      >,
    };
  }
  return loaded;
}
