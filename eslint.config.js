// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

/**
 * The process-boundary rule: only the Electron entry points and the platform
 * adapters may import `electron`; the core, the shared contract and the UI
 * must run without it (plain Node, a browser). test/boundaries.test.ts checks
 * the same thing from the file system, so neither can drift silently.
 */
const noElectron = {
  name: 'electron',
  message:
    'Only electron/main.ts, electron/preload.cts and electron/platform/*.electron.ts may import electron.',
};

/**
 * The store boundary: SQL lives in electron/store/ (connection, pragmas, migrations) and in the
 * `*.sql.ts` file of the capability that owns the table, behind its typed interface. Calls are
 * matched on a database-named receiver (so `regex.exec(text)` passes), plus any `.pragma(`,
 * any `.prepare(` of a literal, and any string that starts as an SQL statement.
 * test/boundaries.test.ts checks the same from the file system.
 */
const SQL_OUTSIDE_STORE =
  'SQL belongs in electron/store/ or in the *.sql.ts file of the capability owning the table: call its typed interface.';
const DB_METHOD = '/^(prepare|exec|pragma|transaction|function)$/';
const DB_NAME = '/^(db|database|sqlite|connection)$/';
const SQL_START = '/^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|DROP|ALTER|PRAGMA|WITH)\\s/';
const noSqlOutsideStore = [
  `CallExpression[callee.property.name=${DB_METHOD}][callee.object.name=${DB_NAME}]`,
  `CallExpression[callee.property.name=${DB_METHOD}][callee.object.property.name=${DB_NAME}]`,
  `CallExpression[callee.property.name='pragma']`,
  `CallExpression[callee.property.name='prepare'][arguments.0.type=/^(Literal|TemplateLiteral)$/]`,
  `TemplateElement[value.raw=${SQL_START}]`,
  `Literal[value=${SQL_START}]`,
].map((selector) => ({ selector, message: SQL_OUTSIDE_STORE }));

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test-artifacts/**',
      'bin/**',
      '.scratch/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-imports': ['error', { paths: [noElectron] }],
    },
  },
  {
    // Detection and the mail format are pure: headers in, results out; their callers do I/O.
    files: ['electron/detect/**/*.ts', 'electron/mail-format/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: [
                'node:fs',
                'node:fs/*',
                'node:net',
                'node:tls',
                'node:http',
                'node:https',
                'node:dns',
                'node:child_process',
                'node:worker_threads',
                'fs',
                'net',
                'better-sqlite3',
                'imapflow',
                'nodemailer',
              ],
              message: 'detect/ and mail-format/ do no I/O: their callers read and write.',
            },
            {
              group: [
                '**/store/**',
                '**/sync/**',
                '**/sources/**',
                '**/accounts/**',
                '**/writer/**',
                '**/verdicts/**',
                '**/importer/**',
                '**/core/**',
                '**/transport/**',
                '**/cli/**',
                '**/mailbox/**',
                '**/relationships/**',
                '**/secrets/**',
                '**/log.js',
              ],
              message: 'detect/ and mail-format/ sit below the services that use them.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.{ts,cts}', 'shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    ignores: ['electron/store/**', '**/*.sql.ts'],
    rules: { 'no-restricted-syntax': ['error', ...noSqlOutsideStore] },
  },
  {
    // A deferred transaction that reads before it writes fails with SQLITE_BUSY when another
    // connection commits in between; store/transaction.ts begins every one IMMEDIATE.
    files: ['electron/store/**/*.ts', 'electron/**/*.sql.ts'],
    ignores: ['electron/store/transaction.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `CallExpression[callee.property.name='transaction'][callee.object.name=${DB_NAME}]`,
          message:
            'Use writeTransaction(db, fn) from electron/store/transaction.ts (BEGIN IMMEDIATE).',
        },
      ],
    },
  },
  {
    files: ['electron/main.ts', 'electron/preload.cts', 'electron/platform/*.electron.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // A sandboxed preload is CommonJS: `import x = require()` is how TypeScript writes that.
    files: ['electron/preload.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/electron/**', '**/renderer/**'],
              message: 'shared/ imports nothing from the processes.',
            },
            {
              group: ['node:*', 'fs', 'path', 'os', 'crypto', 'better-sqlite3', 'imapflow'],
              message: 'shared/ is platform-neutral.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            {
              group: ['**/electron/**', 'node:*'],
              message: 'The renderer reaches the core only through the API in shared/.',
            },
          ],
        },
      ],
    },
  },
);
