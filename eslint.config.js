import js from '@eslint/js'
import prettier from 'eslint-config-prettier'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import importX from 'eslint-plugin-import-x'
import jsxA11y from 'eslint-plugin-jsx-a11y'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The layering, as rules (docs/architecture.md): the domain knows no framework and no
// database, routes reach the database only through models, and nothing imports in a circle.
const frameworkAndDatabase = {
  patterns: [
    { group: ['@remix-run/*'], message: 'app/domain is framework-free: move this to a model, a route or app/utils.' },
    {
      group: ['drizzle-orm', 'drizzle-orm/*', '\\#db/*', '~/models/*'],
      message: 'app/domain does not touch the database: take the data as an argument.',
    },
  ],
}
const database = {
  patterns: [
    { group: ['drizzle-orm', 'drizzle-orm/*', '\\#db/*'], message: 'Routes reach the database through app/models.' },
  ],
}

// A page module's top-level code stays in its browser bundle: a zod schema there ships all of
// zod to every browser (docs/decisions/006). Schemas live in *.server.ts modules.
const zodInPages = {
  group: ['zod', 'zod/*'],
  message: 'Pages reach the browser: build schemas in a *.server.ts module (app/forms, app/utils/params.server.ts).',
}

export default tseslint.config(
  { ignores: ['build/**', 'public/build/**', 'data/**', 'node_modules/**', '.cache/**', 'db/migrations/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'import-x': importX },
    settings: {
      ...importX.flatConfigs.typescript.settings,
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      // Cycles within the app; following imports into node_modules tripled lint's time.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // Non-null assertions are how the tests say "the setup made this row".
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-control-regex': 'off',
    },
  },
  { files: ['app/**/*.tsx'], plugins: { 'react-hooks': reactHooks }, rules: reactHooks.configs.recommended.rules },
  { files: ['app/**/*.tsx'], ...jsxA11y.flatConfigs.recommended },
  {
    files: ['app/**/*.tsx'],
    // A region that scrolls takes focus so the keyboard can scroll it (ScrollRegion).
    rules: { 'jsx-a11y/no-noninteractive-tabindex': ['error', { roles: ['tabpanel', 'region'] }] },
  },
  { files: ['app/domain/**'], rules: { 'no-restricted-imports': ['error', frameworkAndDatabase] } },
  { files: ['app/routes/**'], rules: { 'no-restricted-imports': ['error', database] } },
  {
    files: ['app/routes/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...database.patterns, zodInPages] }] },
  },
  {
    files: ['app/components/**', 'app/root.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [zodInPages] }] },
  },
  { files: ['tests/**'], languageOptions: { globals: globals.vitest } },
  prettier,
)
