// The architecture's rules, enforced: which layer may import which (ARCHITECTURE.md), and the
// rules of hooks. Formatting is Prettier's job (`npm run format:check`), not ESLint's.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'worker_threads',
  'url',
  'util',
  'stream',
  'zlib',
  'http',
  'https',
  'net',
];

/** no-restricted-imports with the given groups (gitignore-style) and regular expressions. */
function restrict(groups, regexes, message) {
  return {
    'no-restricted-imports': [
      'error',
      {
        patterns: [...(groups.length ? [{ group: groups, message }] : []), ...regexes.map((regex) => ({ regex, message }))],
      },
    ],
  };
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'src-main/core/store/migrations.generated.ts',
      '**/*.d.ts',
    ],
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
    // Comments written for other tools' rules are not errors here.
    linterOptions: { reportUnusedDisableDirectives: 'off' },
  },
  {
    // React code: the UI and the school server's pages.
    files: ['src-renderer/**/*.{ts,tsx}', 'tests/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    // Shared by every layer: the contract, labels, instruments. Plain TypeScript only.
    files: ['src-shared/**/*.{ts,tsx}'],
    rules: restrict(
      [
        ...NODE_BUILTINS,
        'electron',
        'electron/*',
        'react',
        'react/*',
        'react-dom',
        'react-dom/*',
        'antd',
        'antd/*',
        'better-sqlite3',
        'drizzle-orm',
        'drizzle-orm/*',
      ],
      ['(^|/)src-main(/|$)', '(^|/)src-renderer(/|$)'],
      'src-shared is read by the core, the shells and the renderer alike: it imports none of them, no Node built-in, no Electron, no React.',
    ),
  },
  {
    // The domain core runs in plain Node (tests, CLI, browser shell, worker) as well as in Electron.
    files: ['src-main/core/**/*.{ts,tsx}'],
    rules: restrict(
      ['electron', 'electron/*'],
      ['(^|/)electron(/|$)', '(^|/)src-renderer(/|$)', '(^|/)browser-shell(/|$)'],
      'The domain core never imports Electron, the shells or the renderer.',
    ),
  },
  {
    // The renderer reaches the core only through the typed IPC contract in src-shared.
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: restrict(
      [...NODE_BUILTINS, 'electron', 'electron/*', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'],
      ['(^|/)src-main(/|$)'],
      'The renderer reaches the core only through the typed contract in src-shared (window.counsel), never src-main or Node.',
    ),
  },
  {
    // The shells check who is calling and forward: they hold no domain logic and no database.
    files: ['src-main/electron/**/*.{ts,tsx}', 'src-main/browser-shell/**/*.{ts,tsx}'],
    rules: restrict(
      ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*'],
      ['^\\.\\./core/(?!worker/core-client$|store/default-data-dir$)', '(^|/)src-renderer(/|$)'],
      'A shell checks the sender and forwards to the core worker: domain code and the store belong in src-main/core.',
    ),
  },
);
