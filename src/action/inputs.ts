/**
 * The Action's inputs, as the runner passes them: INPUT_<NAME> environment variables (name upper-cased, spaces to
 * underscores, hyphens kept). Defaults here equal action.yml's (a test keeps them equal), so the entry behaves the
 * same when run by hand.
 */
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
      // Paths: whitespace- or newline-separated (a YAML block scalar lists one per line); never shell-expanded.
      paths: input(env, 'paths').split(/\s+/).filter(Boolean),
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
