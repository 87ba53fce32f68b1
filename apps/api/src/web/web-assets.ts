import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Where the staff web app is mounted; the API stays under /api. */
export const WEB_PREFIX = '/app';

/**
 * Browser ES modules served from node_modules (no bundler). The import map in index.html is
 * generated from this list, so a bare `import ... from 'preact'` resolves in the browser.
 * Only these files are exposed, never node_modules as a whole.
 */
const VENDOR_MODULES = [
  { specifier: 'preact', pkg: 'preact', file: 'dist/preact.mjs' },
  { specifier: 'preact/hooks', pkg: 'preact', file: 'hooks/dist/hooks.mjs' },
  { specifier: 'htm', pkg: 'htm', file: 'dist/htm.module.js' },
  {
    specifier: '@preact/signals-core',
    pkg: '@preact/signals-core',
    file: 'dist/signals-core.module.js',
  },
  { specifier: '@preact/signals', pkg: '@preact/signals', file: 'dist/signals.module.js' },
] as const;

export interface VendorFile {
  /** URL path under /app/vendor/. */
  name: string;
  body: string;
}

export interface WebAssets {
  /** Folder of index.html, app.css and src/*.js. */
  root: string;
  /** index.html with the import map filled in. */
  indexHtml: string;
  /** Content-Security-Policy for the page: scripts from here plus the inline import map only. */
  contentSecurityPolicy: string;
  vendor: Map<string, VendorFile>;
}

/** The sources (apps/api/web) when run from TypeScript; a copy beside the bundle in dist. */
function findWebRoot(): string {
  const candidates = [resolve(__dirname, '../../web'), resolve(__dirname, 'web')];
  const root = candidates.find((dir) => existsSync(join(dir, 'index.html')));
  if (!root) {
    throw new Error(`Web app not found: no index.html in ${candidates.join(' or ')}`);
  }
  return root;
}

/**
 * The package's folder, looked up like Node does (node_modules of this folder and its parents).
 * Not require.resolve: some packages do not export package.json, and Jest resolves on its own.
 */
function packageDir(pkg: string): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', pkg);
    if (existsSync(join(candidate, 'package.json'))) {
      return candidate;
    }
    if (dirname(dir) === dir) {
      throw new Error(`Web app: package ${pkg} is not installed`);
    }
  }
}

function loadVendor(): { files: Map<string, VendorFile>; imports: Record<string, string> } {
  const files = new Map<string, VendorFile>();
  const imports: Record<string, string> = {};
  for (const mod of VENDOR_MODULES) {
    const pkgDir = packageDir(mod.pkg);
    const { version } = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')) as {
      version: string;
    };
    const body = readFileSync(join(pkgDir, mod.file), 'utf8')
      // The maps are not served: drop the reference rather than answer 404 to devtools.
      .replace(/\n?\/\/# sourceMappingURL=\S+\s*$/, '\n');
    const name = `${mod.specifier.replace(/^@/, '').replace(/\//g, '-')}.js`;
    files.set(name, { name, body });
    // The version in the URL lets the browser cache vendor files for good.
    imports[mod.specifier] = `${WEB_PREFIX}/vendor/${name}?v=${version}`;
  }
  return { files, imports };
}

/** Reads everything the page needs once, at startup: a missing file fails the boot, not a user. */
export function loadWebAssets(): WebAssets {
  const root = findWebRoot();
  const { files, imports } = loadVendor();
  const importMap = JSON.stringify({ imports }, null, 2);
  const template = readFileSync(join(root, 'index.html'), 'utf8');
  if (!template.includes('<!-- importmap -->')) {
    throw new Error('index.html must contain <!-- importmap --> where the import map goes');
  }
  const indexHtml = template.replace(
    '<!-- importmap -->',
    `<script type="importmap">${importMap}</script>`,
  );
  const mapHash = createHash('sha256').update(importMap).digest('base64');
  const contentSecurityPolicy = [
    "default-src 'self'",
    `script-src 'self' 'sha256-${mapHash}'`,
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    // The receipt PDF opens from a blob: URL in a new tab.
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
  return { root, indexHtml, contentSecurityPolicy, vendor: files };
}
