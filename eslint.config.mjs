// The linter: typescript-eslint's recommended rules (syntax only, no type information, so it
// runs in seconds) over the service, the simulators, the tests and the benchmarks, and the
// dashboard's browser modules. `npm run lint`; .ci/run runs it.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.data/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      // tsc's noUnusedLocals / noUnusedParameters already refuse these, with the same exceptions.
      '@typescript-eslint/no-unused-vars': 'off',
      // Control characters are what our XML and text sanitisers look for, on purpose.
      'no-control-regex': 'off',
    },
  },
  {
    files: ['adapters/alternative/dashboard/public/**/*.js', 'core/runtime/http/openapi/public/**/*.js'],
    languageOptions: { globals: globals.browser, sourceType: 'module' },
  },
  {
    files: ['tools/**/*.mjs', 'eslint.config.mjs'],
    languageOptions: { globals: globals.node },
  },
);
