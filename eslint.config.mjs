// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { boundaryRules } from './eslint.boundaries.cjs';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-artifacts/**',
      // Compiled against a client generated at test time (test/e2e/openapi-contract.e2e-spec.ts).
      'test/e2e/openapi-client/**',
      '**/*.js',
      '**/*.mjs',
      '**/*.cjs',
      // The web app's browser modules are linted (block below) and type-checked.
      '!apps/api/web/src/**/*.js',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  prettier,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.jest } },
  },
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/require-await': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'warn',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/unbound-method': 'off',
      eqeqeq: ['error', 'always'],
      curly: ['error', 'all'],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through @app/config (libs/config), never process.env.',
        },
      ],
    },
  },
  {
    // The one place allowed to read the environment.
    files: ['libs/config/**/*.ts', 'test/setup/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // libs/domain is pure: no framework, no I/O, and it is given the time.
    files: ['libs/domain/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Pass `now` in.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Pass `now` in.',
        },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'No environment in the domain.',
        },
      ],
    },
  },
  ...boundaryRules(),
  {
    // docs/typeorm.md: every row the driver returns is typed where the SQL is (no `any`), and
    // no TypeORM query builder or repository stands in for the SQL.
    files: ['libs/database/src/**/*.ts'],
    ignores: ['libs/database/src/migrations/**'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'error',
      '@typescript-eslint/no-unsafe-argument': 'error',
      '@typescript-eslint/no-unsafe-call': 'error',
      '@typescript-eslint/no-unsafe-member-access': 'error',
      '@typescript-eslint/no-unsafe-return': 'error',
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'Read configuration through @app/config (libs/config), never process.env.',
        },
        {
          selector:
            'CallExpression[callee.property.name=/^(getRepository|createQueryBuilder|getTreeRepository)$/]',
          message: 'Repositories write their SQL (docs/typeorm.md).',
        },
      ],
    },
  },
  {
    // The staff web app: browser ES modules, type-checked from their JSDoc. Its tsconfig lies
    // outside apps/api/web, whose every file is served.
    files: ['apps/api/web/src/**/*.js'],
    languageOptions: {
      sourceType: 'module',
      globals: { ...globals.browser },
      parserOptions: {
        projectService: false,
        project: ['./apps/api/tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
