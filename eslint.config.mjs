// @ts-check
import importPlugin from 'eslint-plugin-import';
import tseslint from 'typescript-eslint';

/** Folder boundaries of DESIGN.md: each zone lists the folders a folder must not import. */
const folders = ['util', 'config', 'catalog', 'compiler', 'db', 'auth', 'execution', 'refresh', 'ingest', 'graphql', 'server', 'cli'];
const allowed = {
  util: [],
  config: ['util'],
  catalog: ['util'],
  compiler: ['catalog', 'util'],
  db: ['config', 'util'],
  // Principals (SPEC §11): API keys live in the warehouse.
  auth: ['db', 'util'],
  execution: ['compiler', 'catalog', 'db', 'util'],
  // The refresh of marts runs the compiler's pure build statements in a load's transaction.
  refresh: ['compiler', 'catalog', 'db', 'util'],
  ingest: ['catalog', 'db', 'refresh', 'util'],
  graphql: ['execution', 'catalog', 'auth', 'util'],
  server: ['graphql', 'auth', 'util'],
  cli: folders,
};
const zones = Object.entries(allowed).flatMap(([target, ok]) =>
  folders
    .filter((from) => from !== target && !ok.includes(from))
    .map((from) => ({ target: `./src/${target}`, from: `./src/${from}`, message: `src/${target} must not import src/${from} (DESIGN.md)` })),
);
// The dashboard is a client of the public GraphQL API, like any embedding page: it imports no server code.
zones.push(...[...folders, 'main.ts'].map((from) => ({ target: './src/web', from: `./src/${from}`, message: 'src/web uses the GraphQL API only (DESIGN.md)' })));
zones.push(
  ...folders
    .filter((f) => f !== 'cli')
    .map((target) => ({ target: `./src/${target}`, from: './src/main.ts', message: 'main.ts is the composition root; nothing imports it but the CLI' })),
);

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bin/**', '.pulse/**', 'jest.config.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mts'],
    plugins: { import: importPlugin },
    settings: {
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js'] } },
      'import/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx', '.mts'] },
      'import/ignore': ['node_modules'],
    },
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-restricted-paths': ['error', { zones }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The compiler is pure: no file system, network, process or clock.
    files: ['src/compiler/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['node:*', 'fs', 'net', 'http', 'child_process', 'pg', '@electric-sql/*'] }],
      'no-restricted-globals': ['error', 'process'],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'now is an argument of the compiler' }],
    },
  },
  {
    // No `any` in the core paths; tests may use it for loose GraphQL answers.
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    rules: { '@typescript-eslint/no-explicit-any': 'error' },
  },
  {
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
