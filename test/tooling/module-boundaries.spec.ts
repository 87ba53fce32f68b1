import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

// The boundary table that eslint.config.mjs spreads into `npm run lint`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { boundaryRules } = require('../../eslint.boundaries.cjs') as {
  boundaryRules: () => Linter.Config[];
};

const ROOT = path.resolve(__dirname, '../..');
const linter = new Linter({ configType: 'flat', cwd: ROOT });
const config: Linter.Config[] = [
  { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
  ...boundaryRules(),
];

/** The boundary messages for one import written in `file`. */
function refusals(file: string, specifier: string): string[] {
  const source = `import { x } from '${specifier}';\nexport const y = x;\n`;
  return linter
    .verify(source, config, { filename: path.join(ROOT, file) })
    .map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`);
}

describe('module boundaries (eslint.boundaries.cjs)', () => {
  // One row per rule of docs/architecture.md: who may import what.
  it.each([
    ['libs/core/src/a/b.ts', '@app/messaging'],
    ['libs/core/src/a/b.ts', '@app/database'],
    ['libs/core/src/a/b.ts', '@app/documents'],
    ['libs/core/src/a/b.ts', '@app/domain'],
    ['libs/core/src/a/b.ts', '@app/config'],
    ['libs/core/src/a/b.ts', '@app/observability'],
    ['libs/messaging/src/a.ts', '@app/observability'],
    ['libs/database/src/a.ts', '@app/observability'],
    ['libs/observability/src/a.ts', '@app/config'],
    ['libs/core/src/a/b.ts', '../clock/clock'],
    ['libs/messaging/src/a.ts', '@app/database'],
    ['libs/messaging/src/a.ts', '@app/domain'],
    ['libs/database/src/a/b.ts', '@app/domain'],
    ['libs/database/src/a/b.ts', '@app/config'],
    ['libs/database/src/a/b.ts', '../../entities'],
    ['libs/documents/src/a.ts', '@app/domain'],
    ['libs/documents/src/a.ts', '@app/config'],
    ['libs/domain/src/a/b.ts', '../calendar'],
    ['apps/api/src/a/b.ts', '@app/core'],
    ['apps/api/src/a/b.ts', '@app/documents'],
    ['apps/worker/src/a.ts', '@app/messaging'],
    ['apps/cli/src/a.ts', '@app/database'],
    ['apps/api/src/a/b.ts', '../http/error-response'],
    ['test/e2e/a.e2e-spec.ts', '../../apps/api/src/api.module'],
    ['bench/x/a.ts', '@app/database/migrations'],
  ])('%s may import %s', (file, specifier) => {
    expect(refusals(file, specifier)).toEqual([]);
  });

  it.each([
    ['libs/domain/src/a.ts', '@app/config', 'libs/domain is pure'],
    ['libs/domain/src/a.ts', '@nestjs/common', 'libs/domain is pure'],
    ['libs/domain/src/a.ts', 'typeorm', 'libs/domain is pure'],
    ['libs/config/src/a.ts', '@app/domain', 'imports no lib'],
    ['libs/domain/src/a.ts', '@app/observability', 'libs/domain is pure'],
    ['libs/observability/src/a.ts', '@app/database', 'below every lib but domain'],
    ['libs/observability/src/a.ts', 'pg', 'below every lib but domain'],
    ['libs/database/src/a.ts', '@app/core', 'holds the SQL, below every use case'],
    ['libs/database/src/a.ts', '@app/messaging', 'holds the SQL, below every use case'],
    ['libs/messaging/src/a.ts', '@app/core', 'may import @app/database'],
    ['libs/documents/src/a.ts', '@app/core', 'no database, no use case'],
    ['libs/documents/src/a.ts', '@app/database', 'no database, no use case'],
    ['libs/documents/src/a.ts', 'typeorm', 'no database, no use case'],
    ['libs/core/src/a.ts', 'typeorm', 'SQL belongs in libs/database'],
    ['libs/core/src/a/b.ts', '@app/database/applications/application.repository', 'index only'],
    ['apps/api/src/a.ts', '@app/core/clock/clock', 'index only'],
    ['libs/documents/src/a.ts', '../../core/src/clock/clock', 'as `@app/<lib>`'],
    ['libs/core/src/a.ts', '../../../apps/api/src/main', 'Libs never import apps'],
    ['apps/api/src/a/b.ts', '../../../worker/src/main', 'Apps never import each other'],
    ['apps/worker/src/a.ts', '../../api/src/main', 'Apps never import each other'],
    ['apps/cli/src/a.ts', '../../../libs/core/src', 'as `@app/<lib>`'],
  ])('%s may not import %s', (file, specifier, reason) => {
    const found = refusals(file, specifier);
    expect(found).not.toEqual([]);
    expect(found.join('\n')).toContain(reason);
    expect(found.every((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  // docs/typeorm.md: the decision is kept by the same rule.
  it.each([
    ['typeorm', 'Entity'],
    ['typeorm', 'Repository'],
    ['@nestjs/typeorm', 'InjectRepository'],
  ])('libs/database may not import %s { %s }', (pkg, name) => {
    const source = `import { ${name} } from '${pkg}';\nexport const y = ${name};\n`;
    const found = linter
      .verify(source, config, { filename: path.join(ROOT, 'libs/database/src/a/b.repository.ts') })
      .map((m) => m.message);
    expect(found.join('\n')).toContain('docs/typeorm.md');
  });

  it('lets libs/database import what it uses of typeorm (DataSource, EntityManager)', () => {
    const source = `import { DataSource, EntityManager } from 'typeorm';\nexport const y = [DataSource, EntityManager];\n`;
    expect(
      linter.verify(source, config, { filename: path.join(ROOT, 'libs/database/src/a.ts') }),
    ).toEqual([]);
  });
});
