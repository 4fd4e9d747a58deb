/**
 * Where rollout pods go. A rollout only needs to ask "can this new pod be placed now?" and to tell the
 * cluster when a pod goes away, so the scheduler sits behind this small interface: the default places
 * everything (no capacity model), and `fromScheduler` (adapter.ts) plugs in the planner's scheduler.
 */

/** A pod a controller has just created and wants scheduled. */
export interface PodRequest {
  name: string;
  namespace: string;
  /** The owning workload (Deployment or StatefulSet) and the ReplicaSet, when there is one. */
  owner: { kind: string; name: string; replicaSet?: string };
  /** Pod labels (template labels plus pod-template-hash / controller-revision-hash). */
  labels: Record<string, string>;
  /** The pod template the pod is created from (`spec.template` of the workload, as written). */
  template: Record<string, unknown>;
  /** LabelSelector of the controlling ReplicaSet / StatefulSet, as written (the default topology spreading uses it). */
  ownerSelector?: unknown;
  /** A DaemonSet pod's node: the controller's tolerations are added and the pod is pinned to it. */
  node?: string;
}

export type Placement = { placed: true; node?: string } | { placed: false; reason: string };

/** Mutable cluster state used while rollouts run. */
export interface Cluster {
  /** Tries to bind the pod; a pod that does not fit stays Pending and is retried after the next change. */
  place(pod: PodRequest): Placement;
  /** A pod was deleted: free what it used. */
  remove(namespace: string, name: string): void;
  /**
   * The nodes a DaemonSet with this pod template should run on (NodeShouldRunDaemonPod), in name order; absent:
   * the built-in default cluster's nodes.
   */
  daemonNodes?(template: Record<string, unknown>): string[];
  /**
   * `kind/namespace/name` of the workloads whose pods this cluster already holds, placed once (unchanged ones): the
   * change plan does not simulate them again.
   */
  placedWorkloads?: ReadonlySet<string>;
}

/** The nodes of the planner's built-in default cluster: where DaemonSets run when no cluster is given. */
export const DEFAULT_NODES = ['worker-1', 'worker-2', 'worker-3'];

/** No capacity model: every pod is placed; DaemonSets run on every node of `nodes`. */
export function unlimitedCluster(nodes: readonly string[] = DEFAULT_NODES): Cluster {
  return {
    place: (pod) => ({ placed: true, ...(pod.node ? { node: pod.node } : {}) }),
    remove: () => {},
    daemonNodes: () => [...nodes],
  };
}

/**
 * A counting capacity oracle for tests and for callers without a node model: room for `slots` pods in
 * all, the old pods included (they are placed first, when the rollout starts, and keep their slot until deleted).
 */
export function slotCluster(slots: number, reason = `0/1 nodes are available: 1 Too many pods`): Cluster {
  const used = new Set<string>();
  return {
    place(pod) {
      const key = `${pod.namespace}/${pod.name}`;
      if (used.has(key)) return { placed: true };
      if (used.size >= slots) return { placed: false, reason };
      used.add(key);
      return { placed: true };
    },
    remove(namespace, name) {
      used.delete(`${namespace}/${name}`);
    },
  };
}
