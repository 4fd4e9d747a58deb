/** Whether a pod is behind a Service, as far as the objects of the run can tell. */
import type { RuleContext } from '../types.js';
import { isKind } from '../kinds.js';
import { matches, parseMapSelector } from '../selectors.js';
import { getIn } from '../values.js';
import type { PodSpecRef } from './pod-specs.js';

/**
 * 'selected' when a Service in the pod's namespace selects its labels; 'not-selected' when the run
 * has Services but none selects it; 'unknown' when the run has no Service at all (a lone workload file).
 */
export type ServiceExposure = 'selected' | 'not-selected' | 'unknown';

export function serviceExposure(context: RuleContext, pod: PodSpecRef): ServiceExposure {
  const services = context.manifests.filter((m) => isKind(m, 'Service'));
  if (services.length === 0) return 'unknown';
  const namespace = context.namespaceOf(pod.manifest);
  const selected = services.some((service) => {
    if (context.namespaceOf(service) !== namespace) return false;
    if (getIn(service.object, ['spec', 'type']) === 'ExternalName') return false;
    return matches(parseMapSelector(getIn(service.object, ['spec', 'selector'])), pod.podLabels);
  });
  return selected ? 'selected' : 'not-selected';
}
