import tseslint from 'typescript-eslint';
import { layerRule } from './tools/lint/layer-rule.mjs';

export default tseslint.config(
  { ignores: ['node_modules/**', 'cdktf.out/**', '.gen/**', 'terraform-state/**', 'coverage/**'] },
  {
    files: ['**/*.ts', '**/*.mjs', '**/*.cjs'],
    languageOptions: { parser: tseslint.parser },
    plugins: { csa: { rules: { layers: layerRule } }, '@typescript-eslint': tseslint.plugin },
    rules: {
      'csa/layers': 'error',
      // Library internals change without notice (zod's `_zod.def` did): use the public API.
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='_zod']",
          message: "zod's internals (_zod) change between releases; use its public API (schema.unwrap(), schema.options, schema.shape...)",
        },
        {
          selector: 'ImportDeclaration[source.value=/\\/(dist|internal|src)\\//]',
          message: "import a package's public entry points, not its dist/, internal/ or src/ files",
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      eqeqeq: ['error', 'smart'],
      'no-var': 'error',
      'prefer-const': 'error',
    },
  },
  {
    // Small units in the product code (the library, the estate model, the stacks, the commands).
    files: ['lib/**/*.ts', 'stacks/**/*.ts', 'main.ts'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
);
