// @ts-check
// Module boundaries (docs/architecture.md, "Allowed imports"), enforced by `npm run lint`.
// Each lib lists the libs it may import; everything else is refused, and so are deep imports
// (only a lib's index.ts is public), imports from libs into apps, and imports between apps.
// test/ and bench/ are harnesses and may reach anywhere. CommonJS, so that
// test/tooling/module-boundaries.spec.ts can load the same table.

/** @typedef {'config' | 'domain' | 'observability' | 'database' | 'messaging' | 'documents' | 'storage' | 'core'} Lib */

/**
 * @typedef {{ name: string, importNames: string[], message: string }} RestrictedNames
 * @type {Record<Lib, { may: Lib[], packages?: string[], names?: RestrictedNames[], why: string }>}
 */
const LIBS = {
  domain: {
    may: [],
    packages: ['@nestjs/*', 'typeorm', '@nestjs/typeorm', 'bullmq', 'ioredis', 'pg'],
    why: 'libs/domain is pure TypeScript: no framework, no I/O, no other lib (not even config)',
  },
  config: { may: [], why: 'libs/config is the root of the configuration and imports no lib' },
  observability: {
    may: ['config'],
    packages: ['typeorm', '@nestjs/typeorm', 'pg', 'bullmq', 'ioredis'],
    why: 'libs/observability (metrics, tracing) sits below every lib but domain',
  },
  database: {
    may: ['domain', 'observability', 'config'],
    // docs/typeorm.md: TypeORM is the pool, the transactions and the migration runner here.
    names: [
      {
        name: 'typeorm',
        importNames: [
          'Entity',
          'Column',
          'PrimaryColumn',
          'PrimaryGeneratedColumn',
          'CreateDateColumn',
          'UpdateDateColumn',
          'VersionColumn',
          'ManyToOne',
          'OneToMany',
          'OneToOne',
          'ManyToMany',
          'JoinColumn',
          'Repository',
          'SelectQueryBuilder',
        ],
        message:
          'Repositories write their SQL; no entities or TypeORM repositories (docs/typeorm.md).',
      },
      {
        name: '@nestjs/typeorm',
        importNames: ['InjectRepository', 'getRepositoryToken'],
        message:
          'Repositories write their SQL; no entities or TypeORM repositories (docs/typeorm.md).',
      },
    ],
    why: 'libs/database holds the SQL, below every use case',
  },
  messaging: {
    may: ['database', 'domain', 'observability', 'config'],
    packages: ['typeorm', '@nestjs/typeorm'],
    why: 'libs/messaging sits above libs/database and below libs/core',
  },
  documents: {
    may: ['domain', 'config'],
    packages: ['typeorm', '@nestjs/typeorm', 'pg', 'bullmq', 'ioredis'],
    why: 'libs/documents renders forms from plain view data: no database, no use case',
  },
  storage: {
    may: ['domain', 'config'],
    packages: ['typeorm', '@nestjs/typeorm', 'pg', 'bullmq', 'ioredis'],
    why: 'libs/storage keeps uploaded bytes behind the FileStore port: no database, no use case',
  },
  core: {
    may: ['messaging', 'database', 'documents', 'storage', 'domain', 'observability', 'config'],
    packages: ['typeorm', '@nestjs/typeorm', 'pg'],
    why: 'libs/core holds use cases; SQL belongs in libs/database repositories',
  },
};

/** Apps are composition roots: any lib (through its index), never another app. */
const APPS = ['api', 'worker', 'cli'];

const LIB_NAMES = /** @type {Lib[]} */ (Object.keys(LIBS));
const anyOf = (/** @type {string[]} */ names) => `(${names.join('|')})`;

// `@app/database/repositories/x` instead of `@app/database`.
const deepImport = {
  group: ['@app/*/**'],
  message: 'Import a lib through its index only (`@app/<lib>`), never a path inside it.',
};
// `../../core/src/x` from another lib, `../../worker/src/x` from another app.
const relativeInto = (/** @type {string[]} */ folders, /** @type {string} */ message) => ({
  regex: `^(\\.\\./)+${anyOf(folders)}/src(/|$)`,
  message,
});
const relativeIntoLib = relativeInto(LIB_NAMES, 'Import another lib as `@app/<lib>`.');

/** @returns {import('eslint').Linter.Config[]} */
function boundaryRules() {
  const libs = LIB_NAMES.map((lib) => {
    const { may, packages = [], names = [], why } = LIBS[lib];
    const refused = LIB_NAMES.filter((other) => other !== lib && !may.includes(other));
    const allowed = may.length > 0 ? may.map((m) => `@app/${m}`).join(', ') : 'no other lib';
    return {
      files: [`libs/${lib}/**/*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            paths: names,
            patterns: [
              deepImport,
              relativeIntoLib,
              relativeInto(APPS, 'Libs never import apps.'),
              { regex: '(^|/)apps/', message: 'Libs never import apps.' },
              ...(refused.length > 0
                ? [
                    {
                      group: refused.map((other) => `@app/${other}`),
                      message: `${why}; it may import ${allowed}.`,
                    },
                  ]
                : []),
              ...(packages.length > 0 ? [{ group: packages, message: `${why}.` }] : []),
            ],
          },
        ],
      },
    };
  });
  const apps = APPS.map((app) => ({
    files: [`apps/${app}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            deepImport,
            relativeIntoLib,
            { regex: '(^|/)libs/', message: 'Import a lib as `@app/<lib>`.' },
            relativeInto(
              APPS.filter((other) => other !== app),
              'Apps never import each other: move what they share into a lib.',
            ),
          ],
        },
      ],
    },
  }));
  return [...libs, ...apps];
}

module.exports = { LIBS, APPS, boundaryRules };
