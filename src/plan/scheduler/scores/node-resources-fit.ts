/**
 * NodeResourcesFit score, LeastAllocated strategy (noderesources/least_allocated.go), default resources cpu and
 * memory with weight 1 each: per resource (allocatable − requested) × 100 / allocatable (integer division, 0 when
 * over), averaged by weight. `requested` is the node's NonZeroRequested plus the pod's request, both with the
 * 100m / 200Mi defaults for containers that omit a request.
 */
import { MAX_NODE_SCORE, type ScorePlugin } from '../framework.js';
import type { NodeState } from '../state.js';
import type { SchedPod } from '../types.js';

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export function leastAllocatedScore(pod: SchedPod, node: NodeState): number {
  const alloc = node.node.allocatable;
  const pairs: Array<[number, number]> = [
    [node.nonZeroCpu + pod.nonZeroCpu, alloc.cpu ?? 0],
    [node.nonZeroMemory + pod.nonZeroMemory, alloc.memory ?? 0],
  ];
  let sum = 0;
  let weights = 0;
  for (const [requested, capacity] of pairs) {
    if (capacity === 0) continue; // resources the node does not offer are not scored
    sum += leastRequestedScore(requested, capacity);
    weights += 1;
  }
  return weights === 0 ? 0 : Math.floor(sum / weights);
}

export const NodeResourcesFitScore: ScorePlugin = {
  name: 'NodeResourcesFit',
  weight: 1,
  score(cycle, node) {
    return leastAllocatedScore(cycle.pod, node);
  },
};
