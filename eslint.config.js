// Type-aware lint: floating promises are bugs in async drivers (STYLE.md habit 11), and nothing
// reads the wall clock or Math.random outside models/runtime.ts (inject a Clock and an Rng).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', 'reports/out/**', 'allure-results/**', 'allure-report/**', '**/*.cjs', '**/*.mjs', '**/*.js', 'sims/web/assets/**'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser, parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/await-thenable': 'error',
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Read time from an injected Clock (models/runtime.ts).' },
        { object: 'Math', property: 'random', message: 'Use an injected Rng (models/runtime.ts).' },
      ],
      'no-restricted-syntax': ['error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'new Date() reads the wall clock: use new Date(clock.now()).' },
      ],
    },
  },
  {
    files: ['models/runtime.ts'],
    rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' },
  },
);
