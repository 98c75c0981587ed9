// Lint keeps the layers apart: the analysis core stays pure (no Node, no LSP runtime, no client),
// and data flows one way: core -> lsp -> client.
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['fs', 'fs/promises', 'path', 'os', 'child_process', 'worker_threads', 'net', 'http', 'https', 'url', 'process'];
const restrict = (patterns, message, typeOnly = []) => ({
  '@typescript-eslint/no-restricted-imports': [
    'error',
    { patterns: [{ group: patterns, message }, ...(typeOnly.length ? [{ group: typeOnly, message: 'Only `import type` from the LSP types package in the core.', allowTypeImports: true }] : [])] },
  ],
});

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', '.artifacts/**', 'sample/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: restrict(
      [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`), 'vscode', 'vscode-languageserver', 'vscode-languageserver/*', 'vscode-languageclient', 'vscode-languageclient/*', '**/lsp/**', '**/cli/**', '**/client/**'],
      'The analysis core is pure: no file system, no LSP runtime, no client, no outer layer.',
      ['vscode-languageserver-types', 'vscode-languageserver-protocol'],
    ),
  },
  {
    files: ['server/src/**/*.ts'],
    ignores: ['server/src/core/**'],
    rules: restrict(['vscode', 'vscode-languageclient', 'vscode-languageclient/*', '**/client/**'], 'The server never reaches into the client.'),
  },
);
