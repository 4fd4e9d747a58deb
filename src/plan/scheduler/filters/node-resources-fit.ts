/**
 * NodeResourcesFit filter (plugins/noderesources/fit.go fitsRequest): the pod count first, then cpu, memory,
 * ephemeral-storage and every extended/hugepages resource the pod requests must fit in allocatable − requested.
 * Every shortage is a separate reason ("Insufficient cpu", "Insufficient memory"), all counted in the message.
 */
import type { Resources } from '../types.js';
import type { FilterPlugin } from '../framework.js';
import type { NodeState } from '../state.js';

export const TOO_MANY_PODS = 'Too many pods';

const orderCache = new WeakMap<Resources, string[]>();

/** The resources a pod requests (> 0), in fitsRequest's order: cpu, memory, ephemeral-storage, then the rest. */
function requestedResources(requests: Resources): string[] {
  let ordered = orderCache.get(requests);
  if (!ordered) {
    const names = Object.keys(requests).filter((r) => requests[r] > 0 && r !== 'pods');
    ordered = ['cpu', 'memory', 'ephemeral-storage'].filter((r) => names.includes(r));
    for (const r of names.sort()) if (!ordered.includes(r)) ordered.push(r);
    orderCache.set(requests, ordered);
  }
  return ordered;
}

export function insufficientResources(requests: Resources, node: NodeState): string[] {
  const reasons: string[] = [];
  const allocatable = node.node.allocatable;
  if (node.pods.size + 1 > (allocatable.pods ?? 0)) reasons.push(TOO_MANY_PODS);
  for (const r of requestedResources(requests)) {
    if (requests[r] > (allocatable[r] ?? 0) - (node.requested[r] ?? 0)) reasons.push(`Insufficient ${r}`);
  }
  return reasons;
}

export const NodeResourcesFitFilter: FilterPlugin = {
  name: 'NodeResourcesFit',
  filter(cycle, node) {
    const reasons = insufficientResources(cycle.pod.requests, node);
    return reasons.length > 0 ? reasons : null;
  },
};
