/**
 * Fields the API server drops on create when their feature gate is off (kubernetes pkg/api/pod/util.go
 * dropDisabledFields: dropDisabledPodLevelResources, dropDisabledMatchLabelKeysFieldInPodAffinity,
 * dropDisabledMatchLabelKeysFieldInTopologySpread; pkg/registry/apps/statefulset/strategy.go
 * dropStatefulSetDisabledFields): a pod stored by a 1.33 API server has no pod-level `resources`, so a 1.33 plan
 * must not count them. On create there is no old object whose use of the field would keep it.
 */
import { isObj, type Obj } from '../core/values.js';
import { featureEnabled, type FeatureGate } from './feature-gates.js';

/** One dropped field: where, and the gate that is off at that version. */
export interface DroppedField {
  path: string;
  gate: FeatureGate;
}

function affinityTerms(spec: Obj): Obj[] {
  const affinity = isObj(spec.affinity) ? spec.affinity : {};
  const terms: Obj[] = [];
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = affinity[kind];
    if (!isObj(a)) continue;
    const required = a.requiredDuringSchedulingIgnoredDuringExecution;
    if (Array.isArray(required)) terms.push(...required.filter(isObj));
    const preferred = a.preferredDuringSchedulingIgnoredDuringExecution;
    if (Array.isArray(preferred))
      for (const w of preferred) if (isObj(w) && isObj(w.podAffinityTerm)) terms.push(w.podAffinityTerm);
  }
  return terms;
}

/** Removes from a pod spec (in place) the fields whose gates are off in `kubeVersion`; lists what it removed. */
export function dropDisabledPodFields(spec: Obj, kubeVersion?: string): DroppedField[] {
  const dropped: DroppedField[] = [];
  if (!featureEnabled('PodLevelResources', kubeVersion) && spec.resources !== undefined) {
    delete spec.resources;
    dropped.push({ path: 'spec.resources', gate: 'PodLevelResources' });
  }
  if (!featureEnabled('MatchLabelKeysInPodAffinity', kubeVersion)) {
    let any = false;
    for (const term of affinityTerms(spec))
      for (const key of ['matchLabelKeys', 'mismatchLabelKeys'])
        if (term[key] !== undefined) {
          delete term[key];
          any = true;
        }
    if (any)
      dropped.push({ path: 'spec.affinity.*.matchLabelKeys/mismatchLabelKeys', gate: 'MatchLabelKeysInPodAffinity' });
  }
  if (
    !featureEnabled('MatchLabelKeysInPodTopologySpread', kubeVersion) &&
    Array.isArray(spec.topologySpreadConstraints)
  ) {
    let any = false;
    for (const c of spec.topologySpreadConstraints)
      if (isObj(c) && c.matchLabelKeys !== undefined) {
        delete c.matchLabelKeys;
        any = true;
      }
    if (any)
      dropped.push({
        path: 'spec.topologySpreadConstraints[*].matchLabelKeys',
        gate: 'MatchLabelKeysInPodTopologySpread',
      });
  }
  return dropped;
}

/** The note a plan shows for a dropped field. */
export function droppedFieldNote(field: DroppedField, kubeVersion: string): string {
  return `${field.path} is dropped by a Kubernetes ${kubeVersion} API server (feature gate ${field.gate} is off by default there)`;
}
