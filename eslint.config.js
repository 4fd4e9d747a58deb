// ESLint flat config: typescript-eslint's recommended rules, import cycles, and the layering of src/ written down.
// Not type-aware on purpose: `tsc` (npm run typecheck) already checks types, and lint stays fast on 2 cores.
import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/, lowest first. A module may import from its own directory and from lower layers, never from
 * a higher one; directories that share a layer do not import each other unless the layer says `siblings: true`.
 * Paths are relative to the repository root; a directory means everything below it.
 */
export const LAYERS = [
  { name: 'core', paths: ['src/core'] },
  // Kubernetes primitives (names, label selectors, API versions): used by rules, planner and rollout alike.
  { name: 'k8s', paths: ['src/k8s'] },
  // Reading input: YAML with source positions, and the OpenAPI schemas.
  { name: 'load/schema', paths: ['src/load', 'src/schema'] },
  // The two engines: lint rules (src/rules and the rule modules in rules/) and the planner.
  { name: 'rules/plan', paths: ['src/rules', 'rules', 'src/plan'] },
  // What builds on an engine: the config file (validated against rule ids), rollouts (planner), git revisions.
  { name: 'config/rollout/git', paths: ['src/config', 'src/rollout', 'src/git'] },
  // The library: lint/plan/check, fixes and rule pages. These share one layer (lint attaches fixes, fix re-lints).
  {
    name: 'api',
    paths: ['src/api', 'src/lint.ts', 'src/fix', 'src/docs'],
    except: ['src/api/index.ts'],
    siblings: true,
  },
  // Renderers of results: text, JSON, SARIF, GitHub annotations, Markdown, JUnit.
  { name: 'output', paths: ['src/output'] },
  // Entry points: the package root and its barrel, the CLI, the language server, the GitHub Action.
  {
    name: 'entry',
    paths: ['src/index.ts', 'src/api/index.ts', 'src/cli', 'src/lsp', 'src/action'],
    siblings: true,
  },
];

/** Globs for the files of a layer path: a directory means everything below it, minus the layer's exceptions. */
function targetsOf(layer, p) {
  if (p.endsWith('.ts')) return [`./${p}`];
  const excepted = (layer.except ?? []).filter((e) => e.startsWith(`${p}/`));
  if (excepted.length === 0) return [`./${p}/**`];
  // A directory with an excepted file directly in it: its other files and its subdirectories.
  const names = excepted.map((e) => e.slice(p.length + 1).replace(/\.ts$/, ''));
  return [`./${p}/!(${names.join('|')}).ts`, `./${p}/*/**`];
}

/** import-x/no-restricted-paths zones: a layer's files may not import from a higher layer (nor from siblings). */
function layerZones() {
  const zones = [];
  LAYERS.forEach((layer, i) => {
    for (const p of layer.paths) {
      const target = targetsOf(layer, p);
      for (const upper of LAYERS.slice(i + 1)) {
        zones.push({
          target,
          from: upper.paths.map((u) => `./${u}`),
          message: `layer "${layer.name}" may not import from the higher layer "${upper.name}" (LAYERS in eslint.config.js)`,
        });
      }
      if (layer.siblings) continue;
      // rules/ (the rule modules) and src/rules (their engine) are one part of the layer.
      const siblings = layer.paths.filter((o) => o !== p && !(p.endsWith('rules') && o.endsWith('rules')));
      if (siblings.length === 0) continue;
      zones.push({
        target,
        from: siblings.map((o) => `./${o}`),
        message: `"${p}" does not import from the other parts of its layer "${layer.name}" (LAYERS in eslint.config.js)`,
      });
    }
  });
  return zones;
}

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'bundle/**',
      'node_modules/**',
      'src/schema/generated/**',
      // Generated standalone validators (npm run schemas).
      'schemas/**/*.cjs',
      'coverage/**',
      // Manifests and fixtures are data, not project code.
      'test/fixtures/**',
      'examples/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: 'module',
      globals: { ...globals.node },
    },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: './tsconfig.json' })],
    },
    rules: {
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
      // `import('node:crypto')` in a type position goes with a lazy require(): allowed.
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      '@typescript-eslint/no-unused-expressions': ['error', { allowShortCircuit: true, allowTernary: true }],
      // Escaping control characters is the point of several regexes (terminal output, JUnit XML, hostile input tests).
      'no-control-regex': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // Tests build hostile objects and poke at untyped JSON: `any` is the honest type there.
      '@typescript-eslint/no-explicit-any': 'off',
      // Expected report lines are matched column for column, double spaces included.
      'no-regex-spaces': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'rules/**/*.ts'],
    rules: {
      'import-x/no-restricted-paths': ['error', { zones: layerZones() }],
    },
  },
);
