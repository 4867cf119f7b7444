import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', 'build/', 'test/fixtures/', 'samples/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      // The core must stay editor- and Node-free: a browser build stays possible.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['bin/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['server/src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode', 'vscode-languageserver*', 'vscode-languageclient*'],
              message: 'The core never talks to an editor.',
            },
            {
              group: ['node:*', 'fs', 'path', 'child_process', 'os'],
              message: 'The core never touches Node: use the WorkspaceFs interface.',
            },
          ],
        },
      ],
    },
  },
);
