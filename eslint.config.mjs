// Lint rules that guard the architecture: Nx module boundaries by project tags.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const services = ['community', 'assessments', 'provider-matching', 'evaluation'];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', '.nx/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            // A service may use shared libraries and its own code, never another service.
            ...services.map((s) => ({ sourceTag: `scope:${s}`, onlyDependOnLibsWithTags: [`scope:${s}`, 'scope:shared'] })),
            { sourceTag: 'type:app', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data-access', 'type:messaging', 'type:service-kit', 'type:read-model'] },
            // What other services know of the community, kept from its events.
            { sourceTag: 'type:read-model', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data-access', 'type:messaging'] },
            // The contracts are the public event API: they depend on nothing of ours.
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            { sourceTag: 'type:data-access', onlyDependOnLibsWithTags: ['type:util'] },
            { sourceTag: 'type:messaging', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data-access'] },
            { sourceTag: 'type:service-kit', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data-access', 'type:messaging'] },
            // Local tooling (embedded servers, process launcher) serves tests and the run command, never a service.
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:examples', 'type:testing', 'type:tooling', 'type:contracts', 'type:util', 'type:messaging'] },
            // The example subscriber is written as an outside programme would: none of the platform's code.
            { sourceTag: 'type:examples', onlyDependOnLibsWithTags: [] },
            // The operator's command acts on the event bus as the services declare it (recreating a lost stream).
            { sourceTag: 'type:tools', onlyDependOnLibsWithTags: ['type:examples', 'type:tooling', 'type:util', 'type:contracts', 'type:messaging'] },
            // Benchmarks drive the real services the way the end-to-end tests do.
            { sourceTag: 'type:bench', onlyDependOnLibsWithTags: ['type:testing', 'type:tooling', 'type:util', 'type:contracts'] },
            { sourceTag: 'type:testing', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:data-access', 'type:messaging', 'type:service-kit', 'type:tooling'] },
          ],
        },
      ],
    },
  },
];
