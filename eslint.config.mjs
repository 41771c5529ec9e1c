// ESLint for the whole repository: type-aware typescript-eslint everywhere, angular-eslint for the
// console, and eslint-config-prettier last so that formatting is Prettier's alone.
import eslint from '@eslint/js';
import angular from 'angular-eslint';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { defineConfig } from 'eslint/config';

const tsconfigRootDir = import.meta.dirname;

export default defineConfig(
  {
    ignores: [
      '**/node_modules/**',
      'dist/**',
      '.angular/**',
      'coverage/**',
      'bench-results/**',
      'test-artifacts/**',
      'config/local/**',
      // Checked-in trees whose bytes are the fixture (the agent's /proc and /sys samples).
      '**/fixtures/**',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },

  // Every TypeScript and JavaScript file: the recommended rules with type information.
  {
    files: ['**/*.{ts,js,mjs,cjs}'],
    extends: [eslint.configs.recommended, ...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Finds each file's tsconfig.json: the root one holds the Node code (apps/dashboard, apps/agent,
        // libs, test, bench), scripts/tsconfig.json the scripts. Files no tsconfig.json includes get a
        // default project: the tool configs at the root and the console's jest setup, which runs outside its app.
        projectService: {
          allowDefaultProject: ['*.mjs', '*.cjs', 'test/support/*.mjs', 'apps/web/setup-jest.ts', 'apps/dashboard/webpack.config.js'],
          defaultProject: 'tsconfig.json',
        },
        tsconfigRootDir,
      },
    },
    rules: {
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      // A switch over a union must say what happens to every member; protocol types grow.
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // `_`-prefixed parameters and caught errors are deliberately unused (callbacks with a fixed signature).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },

  // Node scripts and tool configs are CommonJS or ESM JavaScript that run under Node.
  {
    files: ['**/*.{js,cjs,mjs}'],
    languageOptions: { globals: globals.node },
    rules: {
      // Plain JavaScript has no type annotations, so any untyped parameter or lookup is `any` and these
      // rules would only ask for JSDoc types; the promise rules (no-floating-promises and the like) still run.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // Destructuring `require('node:path')` and the like detaches functions that never use `this`.
      '@typescript-eslint/unbound-method': 'off',
    },
  },
  {
    files: ['**/*.{js,cjs}'],
    languageOptions: { sourceType: 'commonjs' },
    rules: {
      // CommonJS is how these files load their dependencies.
      '@typescript-eslint/no-require-imports': 'off',
    },
  },

  // The console: its code is in apps/web/tsconfig.app.json and tsconfig.spec.json, which the
  // project service does not discover (it looks only for files named tsconfig.json).
  {
    files: ['apps/web/src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    languageOptions: {
      parserOptions: {
        projectService: false,
        project: ['apps/web/tsconfig.app.json', 'apps/web/tsconfig.spec.json'],
        tsconfigRootDir,
      },
    },
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'sss', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'sss', style: 'camelCase' }],
    },
  },
  {
    files: ['apps/web/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
  },

  // Last: turns off every rule that would fight Prettier over formatting.
  prettier,
);
