// ESLint flat config: typescript-eslint for TypeScript; Salesforce's LWC config for LWC sources.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import lwcRecommended from '@salesforce/eslint-config-lwc/recommended.js';

const lwcFiles = ['force-app/**/lwc/**/*.js'];

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'force-app/**/lwc/**/*.generated.js'] },
  {
    files: ['**/*.ts'],
    extends: [js.configs.recommended, ...tseslint.configs.strict],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The portable core runs in Node, Forge, browsers and (bundled) LWC: no platform imports.
    files: ['shared-ts/src/**/*.ts'],
    ignores: ['shared-ts/src/cli/**', '**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['node:*', 'fs', 'path', 'crypto', 'os', 'child_process'],
              message: 'shared-ts is portable: no Node imports outside src/cli.',
            },
            {
              group: ['@forge/*', '@salesforce/*', 'lightning/*'],
              message: 'shared-ts is portable: platform code lives in forge-app/ or force-app/.',
            },
          ],
        },
      ],
    },
  },
  {
    // The rules runtime is the folder the Apex package mirrors: it runs compiled IR and never
    // reads source text, so it imports neither the parser nor the checker.
    files: ['shared-ts/src/rules/runtime/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['acorn', 'acorn/*'],
              message: 'rules/runtime runs IR only: no parser (Apex has none).',
            },
            {
              group: ['../checker', '../checker/*'],
              message: 'rules/runtime must not depend on the checker.',
            },
            {
              group: [
                'node:*',
                'fs',
                'path',
                'crypto',
                'os',
                'child_process',
                '@forge/*',
                '@salesforce/*',
                'lightning/*',
              ],
              message: 'shared-ts is portable.',
            },
          ],
        },
      ],
    },
  },
  {
    // Product code of the Jira node: the core through its public entries only, never the sandbox.
    files: ['forge-app/src/**/*.ts', 'src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/sandbox/**', '@tandem/sandbox*'],
              message: 'Product code never imports the sandbox.',
            },
            {
              group: ['@tandem/shared-ts/internal', '**/shared-ts/src/**'],
              message:
                'The Forge app uses the core through its public entries (@tandem/shared-ts/engine, ...).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.{js,cjs,mjs}'],
    ignores: lwcFiles,
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  ...lwcRecommended.map((config) => ({ ...config, files: lwcFiles })),
);
