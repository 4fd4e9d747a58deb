/**
 * NodeResourcesBalancedAllocation (kubernetes v1.30 pkg/scheduler/framework/plugins/noderesources/balanced_allocation.go):
 * with fractions f = min(1, requested / allocatable) for cpu and memory (real requests, no defaults, pod
 * included), score = trunc((1 − |f_cpu − f_mem| / 2) × 100). PreScore skips pods requesting neither cpu nor
 * memory (best-effort pods, kubernetes#129138).
 */
import { MAX_NODE_SCORE, type Plugin } from '../framework.js';
import type { NodeState } from '../state.js';
import type { SchedPod } from '../types.js';

export function balancedAllocationScore(pod: SchedPod, node: NodeState): number {
  const alloc = node.node.allocatable;
  const fractions: number[] = [];
  for (const r of ['cpu', 'memory']) {
    const capacity = alloc[r] ?? 0;
    if (capacity === 0) continue;
    const requested = (node.requested[r] ?? 0) + (pod.requests[r] ?? 0);
    fractions.push(Math.min(1, requested / capacity));
  }
  let std = 0;
  const [a, b] = fractions;
  if (fractions.length === 2 && a !== undefined && b !== undefined) {
    std = Math.abs((a - b) / 2);
  } else if (fractions.length > 2) {
    const mean = fractions.reduce((x, y) => x + y, 0) / fractions.length;
    std = Math.sqrt(fractions.reduce((x, f) => x + (f - mean) * (f - mean), 0) / fractions.length);
  }
  return Math.trunc((1 - std) * MAX_NODE_SCORE);
}

export const NodeResourcesBalancedAllocation: Plugin = {
  name: 'NodeResourcesBalancedAllocation',
  preScore(cycle) {
    return (cycle.pod.requests.cpu ?? 0) !== 0 || (cycle.pod.requests.memory ?? 0) !== 0;
  },
  score(cycle, node) {
    return balancedAllocationScore(cycle.pod, node);
  },
};
