/**
 * Shared PodTopologySpread pieces (plugins/podtopologyspread/common.go, plugin.go):
 * the system default constraints, helper.DefaultSelector, and the node-inclusion policies.
 */
import { makeSelector, type Requirement, type Selector } from '../../k8s/label-selector.js';
import { doNotScheduleTaint, firstUntoleratedTaint } from './pod-info.js';
import { matchesRequiredNodeAffinity } from './plugins/node-affinity.js';
import { serviceSelectors, type Cycle } from './framework.js';
import type { NodeState } from './state.js';
import type { SpreadConstraint } from './types.js';

export const LABEL_HOSTNAME = 'kubernetes.io/hostname';
export const LABEL_ZONE = 'topology.kubernetes.io/zone';

/** podtopologyspread systemDefaultConstraints (the "System" defaulting type): soft spreading by host and zone. */
export const SYSTEM_DEFAULT_CONSTRAINTS: ReadonlyArray<Omit<SpreadConstraint, 'selector'>> = [
  {
    maxSkew: 3,
    topologyKey: LABEL_HOSTNAME,
    whenUnsatisfiable: 'ScheduleAnyway',
    minDomains: 1,
    honorNodeAffinity: true,
    honorNodeTaints: false,
  },
  {
    maxSkew: 5,
    topologyKey: LABEL_ZONE,
    whenUnsatisfiable: 'ScheduleAnyway',
    minDomains: 1,
    honorNodeAffinity: true,
    honorNodeTaints: false,
  },
];

/**
 * helper.DefaultSelector: the selectors of the Services selecting the pod (merged) AND the selector of the pod's
 * controlling ReplicaSet / StatefulSet / ReplicationController. Empty when nothing selects the pod.
 */
export function defaultSelector(cycle: Cycle): Selector | null {
  const pod = cycle.pod;
  const merged = new Map<string, string>();
  for (const selector of serviceSelectors(cycle.env, pod.namespace)) {
    if (selector.requirements.length === 0 || !selector.matches(pod.labels)) continue;
    for (const [k, v] of selector.equalities) merged.set(k, v);
  }
  // No Service selects the pod: the owner's selector itself (shared by the replicas, so counts are found by identity).
  if (merged.size === 0 && pod.ownerSelector && pod.ownerSelector.requirements.length > 0) return pod.ownerSelector;
  const requirements: Requirement[] = [...merged].map(([key, v]) => ({ key, operator: 'In' as const, values: [v] }));
  if (pod.ownerSelector) requirements.push(...pod.ownerSelector.requirements);
  return requirements.length === 0 ? null : makeSelector(requirements);
}

/** The constraints used for `action`: the pod's own, else (no own constraints) the system defaults with DefaultSelector. */
export function constraintsFor(
  cycle: Cycle,
  action: SpreadConstraint['whenUnsatisfiable'],
): { constraints: SpreadConstraint[]; systemDefaulted: boolean } {
  const own = cycle.pod.spreadConstraints;
  if (own.length > 0) return { constraints: own.filter((c) => c.whenUnsatisfiable === action), systemDefaulted: false };
  const defaults = SYSTEM_DEFAULT_CONSTRAINTS.filter((c) => c.whenUnsatisfiable === action);
  if (defaults.length === 0) return { constraints: [], systemDefaulted: true };
  const selector = defaultSelector(cycle);
  if (!selector) return { constraints: [], systemDefaulted: true };
  return { constraints: defaults.map((c) => ({ ...c, selector })), systemDefaulted: true };
}

/** topologySpreadConstraint.matchNodeInclusionPolicies. */
export function nodeIncluded(cycle: Cycle, c: SpreadConstraint, node: NodeState): boolean {
  if (c.honorNodeAffinity && !matchesRequiredNodeAffinity(cycle, node)) return false;
  if (c.honorNodeTaints && firstUntoleratedTaint(node.node.taints, cycle.pod.tolerations, doNotScheduleTaint))
    return false;
  return true;
}
