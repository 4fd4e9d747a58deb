/**
 * The Action's inputs, as the runner passes them: INPUT_<NAME> environment variables (name upper-cased, spaces to
 * underscores, hyphens kept). Defaults here equal action.yml's (a test keeps them equal), so the entry behaves the
 * same when run by hand.
 */
import path from 'node:path';

export type Command = 'check' | 'lint' | 'plan';
export type FailOn = 'error' | 'warning' | 'never';

export interface ActionInputs {
  paths: string[];
  command: Command;
  /** Old revision for change and rollout plans; undefined: the pull request's base (see event.ts). */
  base?: string;
  cluster?: string;
  config?: string;
  kubeVersion?: string;
  failOn: FailOn;
  /** Where the SARIF file goes (relative to the workspace); '' writes none. */
  sarifFile: string;
  annotations: boolean;
  summary: boolean;
  onlyChanged: boolean;
}

export const DEFAULTS = {
  paths: '.',
  command: 'check',
  base: '',
  cluster: '',
  config: '',
  'kube-version': '',
  'fail-on': 'error',
  'sarif-file': 'kubeplan.sarif',
  annotations: 'true',
  summary: 'true',
  'only-changed': 'false',
} as const;

export type InputName = keyof typeof DEFAULTS;

export function input(env: Record<string, string | undefined>, name: InputName): string {
  const value = env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`];
  return (value === undefined || value.trim() === '' ? DEFAULTS[name] : value).trim();
}

function bool(env: Record<string, string | undefined>, name: InputName): boolean | string {
  const value = input(env, name).toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  return `input ${name} must be true or false (got ${JSON.stringify(value)})`;
}

function oneOf<T extends string>(env: Record<string, string | undefined>, name: InputName, allowed: readonly T[]) {
  const value = input(env, name);
  return (allowed as readonly string[]).includes(value)
    ? (value as T)
    : `input ${name} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`;
}

export function readInputs(env: Record<string, string | undefined>): { inputs: ActionInputs } | { error: string } {
  const command = oneOf(env, 'command', ['check', 'lint', 'plan'] as const);
  const failOn = oneOf(env, 'fail-on', ['error', 'warning', 'never'] as const);
  const annotations = bool(env, 'annotations');
  const summary = bool(env, 'summary');
  const onlyChanged = bool(env, 'only-changed');
  for (const v of [command, failOn, annotations, summary, onlyChanged])
    if (typeof v === 'string' && v.startsWith('input ')) return { error: v };
  const optional = (name: InputName) => input(env, name) || undefined;
  const base = optional('base');
  const cluster = optional('cluster');
  const config = optional('config');
  const kubeVersion = optional('kube-version');
  return {
    inputs: {
      paths: splitPaths(input(env, 'paths')),
      command: command as Command,
      ...(base ? { base } : {}),
      ...(cluster ? { cluster } : {}),
      ...(config ? { config } : {}),
      ...(kubeVersion ? { kubeVersion } : {}),
      failOn: failOn as FailOn,
      sarifFile: input(env, 'sarif-file') === 'false' ? '' : input(env, 'sarif-file'),
      annotations: annotations as boolean,
      summary: summary as boolean,
      onlyChanged: onlyChanged as boolean,
    },
  };
}

/**
 * The `paths` input, read as data (never by a shell: no word splitting into flags, no glob expansion by bash): one
 * path per line when it has several lines (a YAML block scalar; a path may then hold spaces), else separated by
 * whitespace. Each is a path or a glob that kubeplan itself expands, inside the workspace (see outsideWorkspace).
 */
export function splitPaths(value: string): string[] {
  const lines = value.includes('\n') ? value.split(/\r?\n/) : value.split(/\s+/);
  return lines.map((l) => l.trim()).filter(Boolean);
}

/**
 * Why a path-like input (a path, a glob, the cluster, config or SARIF file) is refused, or undefined: it must stay
 * inside the workspace, written as it is (kubeplan follows no symbolic link out of it either). The workflow may take
 * these from the pull request; a path outside, `/etc/passwd` or `../../x`, would read or write the runner's files.
 */
export function outsideWorkspace(name: string, value: string, workspace: string): string | undefined {
  // A glob reaches no further than its literal folder: `k8s/**/*.yaml` stays in k8s/, `../*` leaves.
  const literal: string[] = [];
  for (const part of value.split(/[\\/]/)) {
    if (/[*?[\]{}()!+@|]/.test(part)) break;
    literal.push(part);
  }
  const joined = literal.join('/');
  const resolved = path.resolve(workspace, joined === '' && /^[\\/]/.test(value) ? '/' : joined || '.');
  const rel = path.relative(workspace, resolved);
  if (rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel))) return undefined;
  return `input ${name}: ${JSON.stringify(value)} is outside the workspace; only paths inside it are read or written`;
}
