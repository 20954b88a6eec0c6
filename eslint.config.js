import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';


// SQL lives only in repositories (*.repository.ts), the schema and migrations (db/), and the one
// transaction helper (audit/mutate.ts): services and routes call repositories.
const QUERY_BUILDERS = 'selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto|transaction';
export const SQL_OUTSIDE_REPOSITORIES = {
  'no-restricted-syntax': ['error',
    { selector: `CallExpression[callee.property.name=/^(${QUERY_BUILDERS})$/]`, message: 'SQL belongs in a *.repository.ts file (Kysely builder outside a repository).' },
    { selector: "TaggedTemplateExpression[tag.name='sql']", message: 'SQL belongs in a *.repository.ts file (sql`` outside a repository).' },
  ],
  'no-restricted-imports': ['error', {
    paths: [{ name: 'kysely', importNames: ['sql'], message: 'SQL belongs in a *.repository.ts file.' }],
    patterns: [{ regex: 'audit/audit\\.repository(\\.js)?$', importNames: ['appendAudit'], message: 'Write through mutate() (audit/mutate.ts), which appends the audit entry.' }],
  }],
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'bench/out/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['packages/server/src/**/*.ts'],
    ignores: ['**/*.repository.ts', '**/*.test.ts', 'packages/server/src/db/**', 'packages/server/src/audit/mutate.ts'],
    rules: SQL_OUTSIDE_REPOSITORIES,
  },
);
