/**
 * PodDisruptionBudgets as the disruption controller rates them (kubernetes v1.36 pkg/controller/disruption/
 * disruption.go, getExpectedPodCount + countHealthyPods + updatePdbStatus), for preemption and what-if evictions:
 *   minAvailable N          desiredHealthy = N, expected = the matching pods
 *   minAvailable P%         desiredHealthy = ceil(P% × expected)
 *   maxUnavailable N | P%   desiredHealthy = expected − N (or − ceil(P% × expected)), at least 0
 *   disruptionsAllowed = currentHealthy − desiredHealthy, never below 0 (and 0 when nothing is expected).
 * Upstream `expected` for percentages and maxUnavailable is the controllers' scale; kubeplan counts the pods it
 * knows (running + planned, scheduled or not), which is the scale once the controllers have created every pod.
 * `currentHealthy` = matching pods bound to a node now (kubeplan treats a bound pod as Ready).
 */
import type { Manifest } from '../core/types.js';
import { obj, str } from '../core/values.js';
import { namespaceOf } from '../k8s/defaults.js';
import { readIntOrPercent, scaledValue, type IntOrPercent } from '../k8s/intstr.js';
import { isBuiltinObject } from '../k8s/kinds.js';
import { compileLabelSelector, type Labels, type Selector } from '../k8s/label-selector.js';
import type { DisruptionBudget } from './scheduler/framework.js';
import type { ClusterState } from './scheduler/state.js';

export interface Budget extends DisruptionBudget {
  minAvailable?: IntOrPercent;
  maxUnavailable?: IntOrPercent;
  /** Pods the budget covers in the whole plan (the expected count). */
  expected: number;
}

/** Bound pods the budget selects (currentHealthy). */
export function healthyPods(pdb: { namespace: string; selector: Selector | null }, cluster: ClusterState): number {
  if (!pdb.selector || pdb.selector.type !== 'requirements') return 0;
  let n = 0;
  for (const p of cluster.candidates(pdb.namespace, pdb.selector))
    if (p.namespace === pdb.namespace && pdb.selector.matches(p.labels)) n++;
  return n;
}

/** desiredHealthy for `expected` covered pods. */
export function desiredHealthy(b: Pick<Budget, 'minAvailable' | 'maxUnavailable'>, expected: number): number {
  if (b.maxUnavailable) return Math.max(0, expected - scaledValue(b.maxUnavailable, expected, true));
  if (b.minAvailable) return scaledValue(b.minAvailable, expected, true);
  return 0;
}

/**
 * The PodDisruptionBudgets of the inputs and of the cluster file (the inputs win on the same namespace/name).
 * `covered(namespace, selector)` counts the plan's pods a selector matches.
 */
export function readBudgets(
  objects: Array<{ object: Manifest['object'] }>,
  defaultNamespace: string,
  covered: (namespace: string, selector: Selector) => number,
): Budget[] {
  const byKey = new Map<string, Budget>();
  for (const { object } of objects) {
    if (!isBuiltinObject(object, 'PodDisruptionBudget')) continue;
    const name = str(obj(object.metadata).name);
    if (!name) continue;
    const namespace = namespaceOf(object, defaultNamespace);
    const key = `${namespace}/${name}`;
    if (byKey.has(key)) continue;
    const spec = obj(object.spec);
    const compiled = spec.selector === undefined || spec.selector === null ? null : compileLabelSelector(spec.selector);
    const selector = compiled && compiled.ok ? compiled.selector : null;
    const minAvailable = readIntOrPercent(spec.minAvailable);
    const maxUnavailable = readIntOrPercent(spec.maxUnavailable);
    const expected = selector && selector.type === 'requirements' ? covered(namespace, selector) : 0;
    const budget: Budget = {
      namespace,
      name,
      selector,
      expected,
      ...(minAvailable ? { minAvailable } : {}),
      ...(maxUnavailable ? { maxUnavailable } : {}),
      disruptionsAllowed(cluster) {
        if (expected <= 0) return 0;
        return Math.max(0, healthyPods(budget, cluster) - desiredHealthy(budget, expected));
      },
    };
    byKey.set(key, budget);
  }
  return [...byKey.values()];
}

/** Does the budget cover a pod with these labels in this namespace? (a nil/empty selector covers none) */
export function budgetCovers(b: DisruptionBudget, namespace: string, labels: Labels): boolean {
  return (
    b.namespace === namespace &&
    b.selector !== null &&
    b.selector.type === 'requirements' &&
    Object.keys(labels).length > 0 &&
    b.selector.matches(labels)
  );
}
