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
  // Fractions of cpu and memory (those the node offers); one resource alone has no spread.
  const cpuCapacity = node.allocatableCpu;
  const memCapacity = node.allocatableMemory;
  let std = 0;
  if (cpuCapacity !== 0 && memCapacity !== 0) {
    const a = Math.min(1, (node.requestedCpu + (pod.requests.cpu ?? 0)) / cpuCapacity);
    const b = Math.min(1, (node.requestedMemory + (pod.requests.memory ?? 0)) / memCapacity);
    std = Math.abs((a - b) / 2);
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
