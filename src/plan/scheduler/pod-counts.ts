/**
 * Incremental pod counts: how many bound pods matching a selector sit on each node and in each topology domain,
 * kept up to date as pods are added and removed instead of recounted for every scheduling decision.
 *
 * kube-scheduler recounts per pod (PodTopologySpread's calPreFilterState, InterPodAffinity's
 * getTPMapMatchingIncomingAffinityAntiAffinity walk every node's pods); the answers here are the same numbers,
 * kept current on ClusterState.add/remove. Replicas of one workload share their selectors, so a 100-replica
 * Deployment registers its selector once and every later decision reads an array instead of scanning pods.
 */
import type { Labels, Selector } from '../../k8s/label-selector.js';

/**
 * The topology domains of one node label key: the distinct values (in first-seen node order) and, per node
 * (by NodeState.index), its domain's position in `values`, or -1 when the node lacks the label.
 */
export interface Topology {
  readonly key: string;
  readonly values: readonly string[];
  /** Domain value → position in `values`. */
  readonly idOf: ReadonlyMap<string, number>;
  readonly domainOf: Int32Array;
  /** Every node carries the key. */
  readonly everyNode: boolean;
}

export function buildTopology(key: string, nodeLabels: readonly Labels[]): Topology {
  const ids = new Map<string, number>();
  const values: string[] = [];
  const domainOf = new Int32Array(nodeLabels.length);
  let everyNode = true;
  nodeLabels.forEach((labels, i) => {
    if (!Object.prototype.hasOwnProperty.call(labels, key)) {
      domainOf[i] = -1;
      everyNode = false;
      return;
    }
    const value = labels[key]!;
    let id = ids.get(value);
    if (id === undefined) {
      ids.set(value, (id = values.length));
      values.push(value);
    }
    domainOf[i] = id;
  });
  return { key, values, idOf: ids, domainOf, everyNode };
}

/**
 * Bound pods of `namespace` (null: every namespace) matching `selector`: per node and, for each topology key
 * asked for, per domain. Read-only for callers; ClusterState updates it.
 */
export class PodCounts {
  /** Matching pods per node (by NodeState.index). */
  readonly byNode: Int32Array;
  total = 0;
  private readonly domains: Array<{ topology: Topology; counts: Int32Array }> = [];

  constructor(
    readonly namespace: string | null,
    readonly selector: Selector,
    nodeCount: number,
  ) {
    this.byNode = new Int32Array(nodeCount);
  }

  /** Does a pod count here? */
  matches(pod: { namespace: string; labels: Labels }): boolean {
    return (this.namespace === null || pod.namespace === this.namespace) && this.selector.matches(pod.labels);
  }

  /** Matching pods per domain of `topology` (nodes without the label count nowhere). */
  byDomain(topology: Topology): Int32Array {
    for (const d of this.domains) if (d.topology === topology) return d.counts;
    const counts = new Int32Array(topology.values.length);
    for (let i = 0; i < this.byNode.length; i++) {
      const d = topology.domainOf[i]!;
      if (d >= 0) counts[d] = counts[d]! + this.byNode[i]!;
    }
    this.domains.push({ topology, counts });
    return counts;
  }

  /** A matching pod was bound to (delta 1) or removed from (delta -1) the node at `nodeIndex`. */
  update(nodeIndex: number, delta: number): void {
    this.byNode[nodeIndex] = this.byNode[nodeIndex]! + delta;
    this.total += delta;
    for (const { topology, counts } of this.domains) {
      const d = topology.domainOf[nodeIndex]!;
      if (d >= 0) counts[d] = counts[d]! + delta;
    }
  }
}
