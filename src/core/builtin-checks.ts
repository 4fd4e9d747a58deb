/**
 * Findings that do not come from a file under rules/: reading input, YAML, schema validation, the
 * planner, rollouts and config. Listed here so `kubeplan rules`, SARIF, `--rule` and the README know
 * them; test/core/builtin-checks.test.ts fails when the source emits an id missing from this list.
 */
import type { Severity } from './types.js';

export interface BuiltinCheck {
  id: string;
  severity: Severity;
  category: 'input' | 'yaml' | 'schema' | 'plan' | 'rollout' | 'config' | 'directive' | 'git' | 'internal';
  description: string;
}

export const BUILTIN_CHECKS: readonly BuiltinCheck[] = [
  {
    id: 'config/invalid',
    severity: 'error',
    category: 'config',
    description: 'The config file has an unknown key, a wrong type or an unknown rule id',
  },
  { id: 'config/not-found', severity: 'error', category: 'config', description: 'The --config file does not exist' },
  {
    id: 'directive/unknown-rule',
    severity: 'warning',
    category: 'directive',
    description: 'A kubeplan-disable comment or kubeplan.dev/ignore annotation names a rule that does not exist',
  },
  {
    id: 'directive/unused',
    severity: 'warning',
    category: 'directive',
    description: 'A suppression suppresses nothing (reported with --report-unused-disable-directives)',
  },
  {
    id: 'git/bad-revision',
    severity: 'error',
    category: 'git',
    description: 'The --base revision does not exist (exit code 2)',
  },
  {
    id: 'git/failed',
    severity: 'error',
    category: 'git',
    description: 'git failed while reading a file at the --base revision',
  },
  {
    id: 'git/not-a-repository',
    severity: 'error',
    category: 'git',
    description: '--base was given outside a git repository (exit code 2)',
  },
  {
    id: 'git/outside-repository',
    severity: 'error',
    category: 'git',
    description: 'An input path lies outside the git repository, so it has no old version',
  },
  {
    id: 'input/alias-limit',
    severity: 'error',
    category: 'input',
    description:
      'Too many YAML alias expansions, or too much content added by them ("billion laughs"); raise with --max-aliases, --max-alias-size',
  },
  {
    id: 'input/bad-glob',
    severity: 'error',
    category: 'input',
    description: 'A glob on the command line is too long or too complex to match safely',
  },
  {
    id: 'input/binary',
    severity: 'error',
    category: 'input',
    description: 'The file contains NUL bytes (binary data)',
  },
  { id: 'input/broken-symlink', severity: 'warning', category: 'input', description: 'A symbolic link points nowhere' },
  { id: 'input/empty', severity: 'info', category: 'input', description: 'The file contains no objects' },
  {
    id: 'input/encoding',
    severity: 'error',
    category: 'input',
    description: 'The file is not valid UTF-8/UTF-16 text',
  },
  { id: 'input/no-match', severity: 'error', category: 'input', description: 'A glob matched no files' },
  {
    id: 'input/not-an-object',
    severity: 'error',
    category: 'input',
    description: 'A document or List item is not a mapping',
  },
  { id: 'input/not-found', severity: 'error', category: 'input', description: 'An input path does not exist' },
  {
    id: 'input/not-kubernetes',
    severity: 'warning',
    category: 'input',
    description:
      'A named file holds a document with neither apiVersion nor kind (not checked; skipped in folder walks)',
  },
  {
    id: 'input/not-rendered',
    severity: 'info',
    category: 'input',
    description:
      'A kustomization or Helm chart folder cannot be rendered here (no kubectl/kustomize/helm on PATH); the command to render it',
  },
  { id: 'input/parse', severity: 'error', category: 'input', description: 'The document cannot be read' },
  {
    id: 'input/render-failed',
    severity: 'error',
    category: 'input',
    description: 'kustomize or helm cannot render a kustomization or chart folder',
  },
  {
    id: 'input/symlink-loop',
    severity: 'warning',
    category: 'input',
    description: 'A symbolic link loops back into a folder already read',
  },
  {
    id: 'input/symlink-outside',
    severity: 'warning',
    category: 'input',
    description: 'A symbolic link leads outside the given folder (not followed)',
  },
  {
    id: 'input/symlink-skipped',
    severity: 'warning',
    category: 'input',
    description: 'A symbolic link was not followed',
  },
  {
    id: 'input/too-deep',
    severity: 'error',
    category: 'input',
    description: 'A document nests deeper than the limit; raise with --max-depth',
  },
  {
    id: 'input/too-large',
    severity: 'error',
    category: 'input',
    description: 'A file is larger than the limit; raise with --max-file-size',
  },
  {
    id: 'input/too-many-documents',
    severity: 'error',
    category: 'input',
    description: 'A file has more documents than the limit; raise with --max-documents',
  },
  { id: 'input/unreadable', severity: 'error', category: 'input', description: 'A file or folder cannot be read' },
  {
    id: 'input/unrendered-template',
    severity: 'error',
    category: 'input',
    description: 'The document is an unrendered Helm/Go template',
  },
  {
    id: 'internal/rule-crash',
    severity: 'error',
    category: 'internal',
    description: 'A rule crashed on an object (a kubeplan bug; please report it)',
  },
  {
    id: 'plan/cluster',
    severity: 'error',
    category: 'plan',
    description: 'The --cluster file has no usable nodes or an unreadable quantity',
  },
  {
    id: 'plan/ingress-no-backend',
    severity: 'error',
    category: 'plan',
    description: 'An Ingress route leads to no running pod',
  },
  { id: 'plan/no-endpoints', severity: 'warning', category: 'plan', description: 'A Service selects no scheduled pod' },
  { id: 'plan/skipped', severity: 'warning', category: 'plan', description: 'A workload is too invalid to plan' },
  {
    id: 'plan/unschedulable',
    severity: 'error',
    category: 'plan',
    description: 'A pod fits on no node (kube-scheduler’s reason given)',
  },
  {
    id: 'rollout/duplicate-object',
    severity: 'warning',
    category: 'rollout',
    description: 'The same object appears twice in the old or new manifests',
  },
  {
    id: 'rollout/skipped',
    severity: 'warning',
    category: 'rollout',
    description: 'A workload is too invalid to simulate its rollout',
  },
  {
    id: 'rollout/stalled',
    severity: 'error',
    category: 'rollout',
    description: 'A rollout stalls: new pods cannot be scheduled',
  },
  {
    id: 'rollout/unidentified-object',
    severity: 'warning',
    category: 'rollout',
    description: 'An object without kind or name cannot be compared',
  },
  {
    id: 'schema/bad-schema',
    severity: 'error',
    category: 'schema',
    description: 'A CRD or --schema-dir schema cannot be compiled',
  },
  { id: 'schema/enum', severity: 'error', category: 'schema', description: 'A value is not one of the allowed values' },
  {
    id: 'schema/format',
    severity: 'error',
    category: 'schema',
    description: 'A value has the wrong format (quantity, pattern, range)',
  },
  { id: 'schema/invalid', severity: 'error', category: 'schema', description: 'The object does not match its schema' },
  {
    id: 'schema/not-validated',
    severity: 'warning',
    category: 'schema',
    description: 'An object whose CRD or --schema-dir schema cannot be used is not validated (the reason is given)',
  },
  { id: 'schema/required', severity: 'error', category: 'schema', description: 'A required field is missing' },
  {
    id: 'schema/too-many-errors',
    severity: 'error',
    category: 'schema',
    description: 'Further schema errors in this object are not listed',
  },
  { id: 'schema/type', severity: 'error', category: 'schema', description: 'A value has the wrong type' },
  {
    id: 'schema/unknown-field',
    severity: 'error',
    category: 'schema',
    description: 'A field the API does not know (with a did-you-mean)',
  },
  {
    id: 'schema/unknown-kind',
    severity: 'warning',
    category: 'schema',
    description: 'No schema for this apiVersion/kind (error with --strict)',
  },
  {
    id: 'schema/yaml11-scalar',
    severity: 'error',
    category: 'schema',
    description: 'A plain yes/no/on/off or number where a string is expected (YAML 1.1)',
  },
  { id: 'yaml/alias-cycle', severity: 'error', category: 'yaml', description: 'A YAML alias refers to itself' },
  {
    id: 'yaml/complex-key',
    severity: 'error',
    category: 'yaml',
    description: 'A mapping key is itself a mapping or sequence',
  },
  { id: 'yaml/duplicate-key', severity: 'error', category: 'yaml', description: 'A mapping repeats a key' },
  { id: 'yaml/syntax', severity: 'error', category: 'yaml', description: 'The document is not valid YAML' },
];
