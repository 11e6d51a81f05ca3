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
    files: ['**/*.{js,cjs,mjs}'],
    ignores: lwcFiles,
    extends: [js.configs.recommended],
    languageOptions: { globals: { ...globals.node } },
  },
  ...lwcRecommended.map((config) => ({ ...config, files: lwcFiles })),
);
