import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'bench/results/', '.data/', 'test-results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Focused tests would silently hide the rest of the suite in CI.
      'no-restricted-properties': [
        'error',
        { object: 'it', property: 'only' },
        { object: 'describe', property: 'only' },
        { object: 'test', property: 'only' },
        { object: 'it', property: 'skip' },
        { object: 'describe', property: 'skip' },
        { object: 'test', property: 'skip' },
      ],
      // Configuration is read once through loadConfig; see src/config.
      'no-restricted-syntax': ['error', { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through loadConfig (src/config), not process.env.' }],
    },
  },
  {
    files: ['src/config/**', 'src/main.ts', 'src/telemetry/telemetry-at-start.ts', 'src/sandbox/main.ts', 'src/database/data-source.ts', 'src/tokens/rotate-keys.cli.ts', 'test/**', 'bench/**', '**/*.mjs', '**/*.cjs', 'jest.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['test/**'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The demo single-page app runs in a browser.
    files: ['examples/web/app.js'],
    languageOptions: { globals: globals.browser },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
