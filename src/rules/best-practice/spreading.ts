/**
 * Whether a pod template spreads its own replicas: a pod anti-affinity term or a topology spread
 * constraint that selects the template's own pods, in their namespace, over some topology key.
 */
import type { JsonPath } from '../../core/types.js';
import { matches, parseLabelSelector } from '../../k8s/label-selector.js';
import { arrayAt, getIn, isObj, type Obj } from '../../core/values.js';
import { podLabelsOf, type PodTemplate } from '../workloads.js';

export interface SpreadTerm {
  /** Path from the object root to the term. */
  path: JsonPath;
  spreadsOwnPods: boolean;
}

/** Every anti-affinity term (required and preferred) and topology spread constraint, judged. */
export function spreadTerms(pod: PodTemplate, namespace: string): SpreadTerm[] {
  const out: SpreadTerm[] = [];
  const labels = podLabelsOf(pod);
  const anti = [...pod.specPath, 'affinity', 'podAntiAffinity'];
  const object = pod.manifest.object;
  arrayAt(object, [...anti, 'requiredDuringSchedulingIgnoredDuringExecution']).forEach((term, i) => {
    out.push({
      path: [...anti, 'requiredDuringSchedulingIgnoredDuringExecution', i],
      spreadsOwnPods: termSpreads(term, labels, namespace),
    });
  });
  arrayAt(object, [...anti, 'preferredDuringSchedulingIgnoredDuringExecution']).forEach((weighted, i) => {
    const term = isObj(weighted) ? weighted.podAffinityTerm : undefined;
    out.push({
      path: [...anti, 'preferredDuringSchedulingIgnoredDuringExecution', i, 'podAffinityTerm'],
      spreadsOwnPods: termSpreads(term, labels, namespace),
    });
  });
  arrayAt(object, [...pod.specPath, 'topologySpreadConstraints']).forEach((constraint, i) => {
    const spreads =
      isObj(constraint) && hasTopologyKey(constraint) && matches(parseLabelSelector(constraint.labelSelector), labels);
    out.push({ path: [...pod.specPath, 'topologySpreadConstraints', i], spreadsOwnPods: spreads });
  });
  return out;
}

function termSpreads(term: unknown, labels: Record<string, string>, namespace: string): boolean {
  if (!isObj(term) || !hasTopologyKey(term)) return false;
  if (!matches(parseLabelSelector(term.labelSelector), labels)) return false;
  return coversNamespace(term, namespace);
}

/** A term applies to the pod's own namespace unless it lists other namespaces only (a namespaceSelector is given the benefit of the doubt). */
function coversNamespace(term: Obj, namespace: string): boolean {
  const selector = getIn(term, ['namespaceSelector']);
  if (selector !== undefined && selector !== null) return true;
  const namespaces = arrayAt(term, ['namespaces']).filter((n): n is string => typeof n === 'string');
  return namespaces.length === 0 || namespaces.includes(namespace);
}

function hasTopologyKey(term: Obj): boolean {
  return typeof term.topologyKey === 'string' && term.topologyKey !== '';
}
