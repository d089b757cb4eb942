// Lint: TypeScript rules plus the layer rule of STYLE.md at error level —
// shared/ imports neither Node, Electron nor the DOM layers; renderer/ imports only types from electron/;
// electron/ never imports renderer/.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeModules = ['node:*', 'fs', 'path', 'os', 'child_process', 'crypto', 'http', 'url', 'util', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-electron/', 'dist-cli/', '.tsbuild/', 'release/', 'test-results/', 'playwright-report/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: nodeModules, message: 'shared/ is plain TypeScript: no Node APIs (it runs in workers and the renderer).' },
            { group: ['electron', 'better-sqlite3', 'react', 'react-dom', 'maplibre-gl'], message: 'shared/ must not depend on a host or UI library.' },
            { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not import from electron/ or renderer/.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: [...nodeModules, 'electron', 'better-sqlite3'], message: 'No Node or Electron in the renderer.' },
            { group: ['**/electron/**'], message: 'renderer/ may only `import type` from electron/.', allowTypeImports: true },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/renderer/**'], message: 'electron/ must not import from renderer/.' }] },
      ],
    },
  },
);
