/**
 * How many pods a replicated workload runs: spec.replicas (default 1), or the range an autoscaler
 * (HorizontalPodAutoscaler, KEDA ScaledObject) in the inputs keeps it in.
 */
import type { JsonPath, Manifest } from '../../core/types.js';
import { scaleTargetOf } from '../autoscaling.js';
import { indexOf } from '../format.js';
import { groupOf, isKind } from '../kinds.js';
import type { RuleContext } from '../types.js';
import { getIn, objAt } from '../values.js';

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
export function replicaRange(context: RuleContext, workload: Manifest): ReplicaRange | undefined {
  if (!isReplicated(workload)) return undefined;
  const autoscaled = autoscalerRange(context, workload);
  if (autoscaled) return autoscaled;
  const raw = getIn(workload.object, ['spec', 'replicas']);
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) {
    return { min: raw, max: raw, source: plural(raw), path: ['spec', 'replicas'] };
  }
  return { min: 1, max: 1, source: '1 replica (the default)', path: ['spec'] };
}

function autoscalerRange(context: RuleContext, workload: Manifest): ReplicaRange | undefined {
  const namespace = context.namespaceOf(workload);
  const index = indexOf(context);
  for (const manifest of context.manifests) {
    if (context.namespaceOf(manifest) !== namespace) continue;
    if (isKind(manifest, 'HorizontalPodAutoscaler')) {
      if (scaleTargetOf(manifest, index)?.found !== workload) continue;
      const min = intOr(getIn(manifest.object, ['spec', 'minReplicas']), 1);
      const max = intOr(getIn(manifest.object, ['spec', 'maxReplicas']), min);
      return { min, max, source: `HorizontalPodAutoscaler ${manifest.ref.name ?? ''}: ${min}–${max} replicas`, path: ['spec'] };
    }
    if (manifest.ref.kind === 'ScaledObject' && groupOf(manifest.ref.apiVersion) === 'keda.sh') {
      const ref = objAt(manifest.object, ['spec', 'scaleTargetRef']);
      if (!ref || ref.name !== workload.ref.name || (ref.kind ?? 'Deployment') !== workload.ref.kind) continue;
      // KEDA's defaults: minReplicaCount 0, maxReplicaCount 100.
      const min = intOr(getIn(manifest.object, ['spec', 'minReplicaCount']), 0);
      const max = intOr(getIn(manifest.object, ['spec', 'maxReplicaCount']), 100);
      return { min, max, source: `ScaledObject ${manifest.ref.name ?? ''}: ${min}–${max} replicas`, path: ['spec'] };
    }
  }
  return undefined;
}

function intOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : fallback;
}

function plural(n: number): string {
  return `${n} replica${n === 1 ? '' : 's'}`;
}
