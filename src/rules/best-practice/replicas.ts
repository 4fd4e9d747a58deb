/**
 * How many pods a replicated workload runs: spec.replicas (default 1), or the range an autoscaler
 * (HorizontalPodAutoscaler, KEDA ScaledObject) in the inputs keeps it in.
 */
import type { JsonPath, Manifest } from '../../core/types.js';
import { autoscalerOf } from '../autoscaling.js';
import type { ObjectIndex } from '../object-index.js';
import { getIn } from '../../core/values.js';

/** Kinds whose spec.replicas says how many identical pods run. */
const REPLICATED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController', 'DeploymentConfig']);

export interface ReplicaRange {
  min: number;
  max: number;
  /** `3 replicas`, `HorizontalPodAutoscaler web: 2–10 replicas`. */
  source: string;
  /** Where the count is written (spec.replicas, or spec when it is defaulted), in the workload. */
  path: JsonPath;
}

export function isReplicated(manifest: Manifest): boolean {
  return REPLICATED.has(manifest.ref.kind ?? '');
}

/** The replica range of a replicated workload; undefined for other kinds. */
export function replicaRange(index: ObjectIndex, workload: Manifest): ReplicaRange | undefined {
  if (!isReplicated(workload)) return undefined;
  const autoscaler = autoscalerOf(index, workload);
  if (autoscaler) return autoscalerRange(autoscaler);
  const raw = getIn(workload.object, ['spec', 'replicas']);
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) {
    return { min: raw, max: raw, source: plural(raw), path: ['spec', 'replicas'] };
  }
  return { min: 1, max: 1, source: '1 replica (the default)', path: ['spec'] };
}

function autoscalerRange(autoscaler: Manifest): ReplicaRange {
  const spec = autoscaler.object.spec;
  const kind = autoscaler.ref.kind;
  // KEDA's defaults: minReplicaCount 0, maxReplicaCount 100; an HPA's minReplicas defaults to 1.
  const min =
    kind === 'ScaledObject' ? intOr(getIn(spec, ['minReplicaCount']), 0) : intOr(getIn(spec, ['minReplicas']), 1);
  const max =
    kind === 'ScaledObject' ? intOr(getIn(spec, ['maxReplicaCount']), 100) : intOr(getIn(spec, ['maxReplicas']), min);
  return { min, max, source: `${kind} ${autoscaler.ref.name ?? ''}: ${min}–${max} replicas`, path: ['spec'] };
}

function intOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}

function plural(n: number): string {
  return `${n} replica${n === 1 ? '' : 's'}`;
}
