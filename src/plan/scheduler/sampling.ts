/**
 * Node sampling as kube-scheduler does it on large clusters (kubernetes commit 003b4460, the v1.35+ line,
 * pkg/scheduler/schedule_one.go numFeasibleNodesToFind / findNodesThatPassFilters, and
 * pkg/scheduler/backend/cache/node_tree.go list): the filters stop once `numFeasibleNodesToFind` nodes passed,
 * starting where the previous pod's search stopped (nextStartNodeIndex), over the nodes interleaved zone by zone.
 * Upstream filters in parallel, so which nodes a search saw can differ by a few; kubeplan walks them one by one.
 */
import type { Labels } from '../../k8s/label-selector.js';

/** minFeasibleNodesToFind: below this many nodes every node is evaluated; never fewer are searched for. */
export const MIN_FEASIBLE_NODES_TO_FIND = 100;
/** minFeasibleNodesPercentageToFind: the floor of the adaptive percentage. */
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

/**
 * numFeasibleNodesToFind: how many feasible nodes end the search. `percentage` is percentageOfNodesToScore:
 * 0 (the default) = adaptive `max(5, 50 − nodes/125)` %, 100 = every node. Go int32 arithmetic (truncating).
 */
export function numFeasibleNodesToFind(numAllNodes: number, percentage = 0): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let p = percentage;
  if (p === 0) p = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND, 50 - Math.trunc(numAllNodes / 125));
  const n = Math.trunc((numAllNodes * p) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

/**
 * utilnode.GetZoneKey (component-helpers/node/topology): region + ":\0:" + zone from the GA labels, else the
 * failure-domain.beta ones; '' when neither is set.
 */
export function zoneKey(labels: Labels): string {
  const zone = labels['topology.kubernetes.io/zone'] ?? labels['failure-domain.beta.kubernetes.io/zone'] ?? '';
  const region = labels['topology.kubernetes.io/region'] ?? labels['failure-domain.beta.kubernetes.io/region'] ?? '';
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`;
}

/**
 * nodeTree.list: one node of each zone in turn (zones in the order their first node was added, nodes of a zone
 * in the order they were added). kubeplan adds nodes in name order, so the list is deterministic.
 */
export function nodeTreeOrder<T>(nodes: readonly T[], labelsOf: (n: T) => Labels): T[] {
  const zones = new Map<string, T[]>();
  for (const n of nodes) {
    const key = zoneKey(labelsOf(n));
    let list = zones.get(key);
    if (!list) zones.set(key, (list = []));
    list.push(n);
  }
  const out: T[] = [];
  const lists = [...zones.values()];
  for (let i = 0; out.length < nodes.length; i++) for (const list of lists) if (i < list.length) out.push(list[i]!);
  return out;
}

/** The plan header's words for what the search evaluates on a cluster of `numNodes` nodes. */
export function nodeSamplingSummary(numNodes: number, scoreAllNodes: boolean): string {
  if (scoreAllNodes) return 'all nodes (--score-all-nodes)';
  const toFind = numFeasibleNodesToFind(numNodes);
  if (toFind >= numNodes)
    return `all ${numNodes} nodes (kube-scheduler samples only from ${MIN_FEASIBLE_NODES_TO_FIND} nodes up)`;
  return `until ${toFind} of ${numNodes} nodes are feasible (numFeasibleNodesToFind; --score-all-nodes evaluates all)`;
}
