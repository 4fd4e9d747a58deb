/**
 * Reading the fields a rollout depends on from a (possibly hostile) Deployment or StatefulSet, with the
 * apps/v1 defaults applied (`pkg/apis/apps/v1/defaults.go` SetDefaults_Deployment / SetDefaults_StatefulSet).
 * Anything Kubernetes would reject is returned as a problem at its path; the workload is then skipped.
 */
import { featureEnabled } from '../k8s/feature-gates.js';
import type { JsonPath } from '../core/types.js';
import { isObj } from '../core/values.js';
import { parseIntOrPercent, type IntOrPercent } from '../k8s/intstr.js';

/** More replicas than this are not simulated (the plan would be unreadable, and it bounds the work). */
export const MAX_SIMULATED_REPLICAS = 2000;

export interface WorkloadProblem {
  path: JsonPath;
  message: string;
}

interface Common {
  name: string;
  namespace: string;
  replicas: number;
  minReadySeconds: number;
  /** `spec.template`, as written. */
  template: Record<string, unknown>;
  /** `spec.selector`, as written (only used for the scheduler's default spreading). */
  selector: unknown;
}

export interface DeploymentSpec extends Common {
  kind: 'Deployment';
  strategy: 'RollingUpdate' | 'Recreate';
  maxSurge: IntOrPercent;
  maxUnavailable: IntOrPercent;
  paused: boolean;
}

export interface StatefulSetSpec extends Common {
  kind: 'StatefulSet';
  podManagementPolicy: 'OrderedReady' | 'Parallel';
  updateStrategy: 'RollingUpdate' | 'OnDelete';
  partition: number;
  /** `rollingUpdate.maxUnavailable` when set (feature MaxUnavailableStatefulSet); otherwise one pod at a time. */
  maxUnavailable: IntOrPercent | null;
  startOrdinal: number;
}

export interface DaemonSetSpec extends Common {
  kind: 'DaemonSet';
  updateStrategy: 'RollingUpdate' | 'OnDelete';
  maxSurge: IntOrPercent;
  maxUnavailable: IntOrPercent;
}

export type WorkloadSpec = DeploymentSpec | StatefulSetSpec | DaemonSetSpec;

export const ROLLOUT_KINDS: ReadonlySet<string> = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

type Read<T> = { ok: true; spec: T } | { ok: false; problem: WorkloadProblem };

class Invalid extends Error {
  constructor(readonly problem: WorkloadProblem) {
    super(problem.message);
  }
}

/** Reads a field path; `null` counts as absent (as it does for the API server). */
function at(obj: Record<string, unknown>, path: JsonPath): unknown {
  let cur: unknown = obj;
  for (let i = 0; i < path.length; i++) {
    if (cur === null || cur === undefined) return undefined;
    if (!isObj(cur))
      throw new Invalid({ path: path.slice(0, i), message: `${path.slice(0, i).join('.')} must be a mapping` });
    cur = cur[path[i] as string];
  }
  return cur === null ? undefined : cur;
}

function fail(path: JsonPath, message: string): never {
  throw new Invalid({ path, message: `${path.join('.')} ${message}` });
}

function int(obj: Record<string, unknown>, path: JsonPath, fallback: number): number {
  const v = at(obj, path);
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isSafeInteger(v))
    fail(path, `must be an integer, got ${JSON.stringify(v) ?? typeof v}`);
  if (v < 0) fail(path, `must not be negative, got ${v}`);
  return v;
}

function oneOf<T extends string>(obj: Record<string, unknown>, path: JsonPath, allowed: readonly T[], fallback: T): T {
  const v = at(obj, path);
  if (v === undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v))
    fail(path, `must be one of ${allowed.join(', ')}, got ${JSON.stringify(v) ?? typeof v}`);
  return v as T;
}

function intOrPercent(
  obj: Record<string, unknown>,
  path: JsonPath,
  fallback: IntOrPercent | null,
): IntOrPercent | null {
  const v = at(obj, path);
  if (v === undefined) return fallback;
  const parsed = parseIntOrPercent(v);
  if ('error' in parsed) fail(path, parsed.error);
  return parsed;
}

function common(obj: Record<string, unknown>, defaultNamespace: string): Common {
  const name = at(obj, ['metadata', 'name']);
  if (typeof name !== 'string' || name === '') fail(['metadata', 'name'], 'must be a non-empty string');
  const ns = at(obj, ['metadata', 'namespace']);
  if (ns !== undefined && typeof ns !== 'string') fail(['metadata', 'namespace'], 'must be a string');
  const template = at(obj, ['spec', 'template']);
  if (!isObj(template)) fail(['spec', 'template'], 'must be a mapping');
  const replicas = int(obj, ['spec', 'replicas'], 1);
  if (replicas > MAX_SIMULATED_REPLICAS)
    fail(['spec', 'replicas'], `is ${replicas}; rollouts over ${MAX_SIMULATED_REPLICAS} replicas are not simulated`);
  return {
    name,
    namespace: ns || defaultNamespace,
    replicas,
    minReadySeconds: int(obj, ['spec', 'minReadySeconds'], 0),
    template,
    selector: at(obj, ['spec', 'selector']),
  };
}

function guard<T>(read: () => T): Read<T> {
  try {
    return { ok: true, spec: read() };
  } catch (err) {
    if (err instanceof Invalid) return { ok: false, problem: err.problem };
    throw err;
  }
}

export function readDeployment(obj: Record<string, unknown>, defaultNamespace: string): Read<DeploymentSpec> {
  return guard(() => {
    const c = common(obj, defaultNamespace);
    const strategy = oneOf(obj, ['spec', 'strategy', 'type'], ['RollingUpdate', 'Recreate'] as const, 'RollingUpdate');
    // SetDefaults_Deployment: 25%/25%, only for RollingUpdate (the values are ignored for Recreate).
    const quarter: IntOrPercent = { kind: 'percent', value: 25 };
    const rolling = strategy === 'RollingUpdate';
    const maxSurge = rolling
      ? intOrPercent(obj, ['spec', 'strategy', 'rollingUpdate', 'maxSurge'], quarter)!
      : { kind: 'int' as const, value: 0 };
    const maxUnavailable = rolling
      ? intOrPercent(obj, ['spec', 'strategy', 'rollingUpdate', 'maxUnavailable'], quarter)!
      : { kind: 'int' as const, value: 0 };
    const paused = at(obj, ['spec', 'paused']);
    if (paused !== undefined && typeof paused !== 'boolean') fail(['spec', 'paused'], 'must be true or false');
    return {
      ...c,
      kind: 'Deployment',
      strategy,
      maxSurge,
      maxUnavailable,
      paused: paused === true,
    } satisfies DeploymentSpec;
  });
}

/**
 * `kubeVersion`: rollingUpdate.maxUnavailable counts only where the MaxUnavailableStatefulSet gate is on (1.35+);
 * elsewhere the API server drops it (dropStatefulSetDisabledFields) and the controller updates one pod at a time.
 */
export function readStatefulSet(
  obj: Record<string, unknown>,
  defaultNamespace: string,
  kubeVersion?: string,
): Read<StatefulSetSpec> {
  return guard(() => {
    const c = common(obj, defaultNamespace);
    const podManagementPolicy = oneOf(
      obj,
      ['spec', 'podManagementPolicy'],
      ['OrderedReady', 'Parallel'] as const,
      'OrderedReady',
    );
    const updateStrategy = oneOf(
      obj,
      ['spec', 'updateStrategy', 'type'],
      ['RollingUpdate', 'OnDelete'] as const,
      'RollingUpdate',
    );
    const rolling = updateStrategy === 'RollingUpdate';
    const partition = rolling ? int(obj, ['spec', 'updateStrategy', 'rollingUpdate', 'partition'], 0) : 0;
    const maxUnavailable =
      rolling && featureEnabled('MaxUnavailableStatefulSet', kubeVersion)
        ? intOrPercent(obj, ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], null)
        : null;
    const startOrdinal = int(obj, ['spec', 'ordinals', 'start'], 0);
    return {
      ...c,
      kind: 'StatefulSet',
      podManagementPolicy,
      updateStrategy,
      partition,
      maxUnavailable,
      startOrdinal,
    } satisfies StatefulSetSpec;
  });
}

/**
 * SetDefaults_DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0. `replicas` is 0 here: a DaemonSet
 * runs one pod per node that should run it, which only the cluster knows (Cluster.daemonNodes).
 */
export function readDaemonSet(obj: Record<string, unknown>, defaultNamespace: string): Read<DaemonSetSpec> {
  return guard(() => {
    const c = common({ ...obj, spec: { ...(isObj(obj.spec) ? obj.spec : {}), replicas: 0 } }, defaultNamespace);
    const updateStrategy = oneOf(
      obj,
      ['spec', 'updateStrategy', 'type'],
      ['RollingUpdate', 'OnDelete'] as const,
      'RollingUpdate',
    );
    const rolling = updateStrategy === 'RollingUpdate';
    const zero: IntOrPercent = { kind: 'int', value: 0 };
    const maxSurge = rolling ? intOrPercent(obj, ['spec', 'updateStrategy', 'rollingUpdate', 'maxSurge'], zero)! : zero;
    const maxUnavailable = rolling
      ? intOrPercent(obj, ['spec', 'updateStrategy', 'rollingUpdate', 'maxUnavailable'], { kind: 'int', value: 1 })!
      : zero;
    return { ...c, kind: 'DaemonSet', updateStrategy, maxSurge, maxUnavailable } satisfies DaemonSetSpec;
  });
}

export function readWorkload(
  obj: Record<string, unknown>,
  defaultNamespace: string,
  kubeVersion?: string,
): Read<WorkloadSpec> {
  if (obj.kind === 'DaemonSet') return readDaemonSet(obj, defaultNamespace);
  return obj.kind === 'StatefulSet'
    ? readStatefulSet(obj, defaultNamespace, kubeVersion)
    : readDeployment(obj, defaultNamespace);
}
