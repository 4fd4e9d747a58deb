/**
 * NodeResourcesFit (kubernetes v1.30 pkg/scheduler/framework/plugins/noderesources/fit.go, least_allocated.go).
 *
 * Filter (fitsRequest): the pod count first, then cpu, memory, ephemeral-storage and every extended/hugepages
 * resource the pod requests must fit in allocatable − requested. Every shortage is a separate reason
 * ("Insufficient cpu", "Insufficient memory"), all counted in the message. The status is Unschedulable (preemption
 * may help) unless, from v1.34 (PR #131345; kubernetes v1.36.2 fit.go InsufficientResource.Unresolvable), some
 * request is larger than the node's whole allocatable: then UnschedulableAndUnresolvable. "Too many pods" stays
 * resolvable in every release.
 *
 * Score, LeastAllocated strategy with the default resources cpu and memory, weight 1 each: per resource
 * (allocatable − requested) × 100 / allocatable (integer division, 0 when over), averaged by weight.
 * `requested` is the node's NonZeroRequested plus the pod's request, both with the 100m / 200Mi defaults for
 * containers that omit a request.
 */
import { MAX_NODE_SCORE, stateKey, type InsufficientResource, type Plugin, type Status } from '../framework.js';
import { hasBehaviour } from '../../../k8s/behaviour.js';
import type { NodeState } from '../state.js';
import type { Resources, SchedPod } from '../types.js';

export const NAME = 'NodeResourcesFit';
export const TOO_MANY_PODS = 'Too many pods';

const orderCache = new WeakMap<Resources, string[]>();

/** The resources a pod requests (> 0), in fitsRequest's order: cpu, memory, ephemeral-storage, then the rest. */
function requestedResources(requests: Resources): string[] {
  let ordered = orderCache.get(requests);
  if (!ordered) {
    const names = Object.keys(requests).filter((r) => (requests[r] ?? 0) > 0 && r !== 'pods');
    ordered = ['cpu', 'memory', 'ephemeral-storage'].filter((r) => names.includes(r));
    for (const r of names.sort()) if (!ordered.includes(r)) ordered.push(r);
    orderCache.set(requests, ordered);
  }
  return ordered;
}

const FITS: readonly InsufficientResource[] = Object.freeze([]);

/** Requests of cpu and/or memory only (most pods): checked against NodeState's numeric fields, no lookups by name. */
const cpuMemoryOnly = new WeakMap<Resources, boolean>();

function onlyCpuMemory(requests: Resources): boolean {
  let only = cpuMemoryOnly.get(requests);
  if (only === undefined) {
    only = requestedResources(requests).every((r) => r === 'cpu' || r === 'memory');
    cpuMemoryOnly.set(requests, only);
  }
  return only;
}

/** fitsRequest: every resource the node is short of for these requests (empty = fits; the empty list is shared). */
export function fitsRequest(requests: Resources, node: NodeState): InsufficientResource[] {
  // The common case first: room for one more pod and for the pod's cpu and memory (same arithmetic as below).
  if (
    node.pods.size < node.allocatablePods &&
    onlyCpuMemory(requests) &&
    (requests.cpu ?? 0) <= node.allocatableCpu - node.requestedCpu &&
    (requests.memory ?? 0) <= node.allocatableMemory - node.requestedMemory
  )
    return FITS as InsufficientResource[];
  let short: InsufficientResource[] | null = null;
  const maxPods = node.allocatablePods;
  if (node.pods.size + 1 > maxPods)
    (short ??= []).push({
      resourceName: 'pods',
      reason: TOO_MANY_PODS,
      requested: 1,
      used: node.pods.size,
      capacity: maxPods,
    });
  const allocatable = node.node.allocatable;
  for (const r of requestedResources(requests)) {
    const requested = requests[r] ?? 0;
    const used = node.requested[r] ?? 0;
    const capacity = allocatable[r] ?? 0;
    if (requested > capacity - used)
      (short ??= []).push({ resourceName: r, reason: `Insufficient ${r}`, requested, used, capacity });
  }
  return short ?? (FITS as InsufficientResource[]);
}

export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

export function leastAllocatedScore(pod: SchedPod, node: NodeState): number {
  // Resources the node does not offer (allocatable 0) are not scored.
  let sum = 0;
  let weights = 0;
  if (node.allocatableCpu !== 0) {
    sum += leastRequestedScore(node.nonZeroCpu + pod.nonZeroCpu, node.allocatableCpu);
    weights += 1;
  }
  if (node.allocatableMemory !== 0) {
    sum += leastRequestedScore(node.nonZeroMemory + pod.nonZeroMemory, node.allocatableMemory);
    weights += 1;
  }
  return weights === 0 ? 0 : Math.floor(sum / weights);
}

/** PreFilter state: the pod's requests (computePodResourceRequest), read by Filter. */
const REQUESTS = stateKey<Resources>(`PreFilter${NAME}`);

export const NodeResourcesFit: Plugin = {
  name: NAME,
  preFilter(cycle) {
    cycle.state.write(REQUESTS, cycle.pod.requests);
    return null;
  },
  filter(cycle, node): Status | null {
    const insufficient = fitsRequest(cycle.state.read(REQUESTS) ?? cycle.pod.requests, node);
    if (insufficient.length === 0) return null;
    const unresolvable =
      hasBehaviour('NodeResourcesFitUnresolvable', cycle.env.kubeVersion) &&
      insufficient.some((r) => r.resourceName !== 'pods' && r.requested > r.capacity);
    return {
      code: unresolvable ? 'UnschedulableAndUnresolvable' : 'Unschedulable',
      plugin: NAME,
      reasons: insufficient.map((r) => r.reason),
      insufficient,
    };
  },
  score(cycle, node) {
    return leastAllocatedScore(cycle.pod, node);
  },
};
