/**
 * Pods as the rollout simulation sees them: created by a controller, bound by the cluster (or left
 * Pending with the scheduler's reason), made Ready by the wave, deleted by a controller.
 */
import type { Cluster, PodRequest } from './cluster.js';
import { dict } from '../core/dict.js';
import { isObj } from '../core/values.js';

/** A pod template's string labels in a fresh (null-prototype) table: what a controller's new pod starts with. */
export function templateLabels(template: Record<string, unknown>): Record<string, string> {
  const labels = dict<string>();
  const meta = template.metadata;
  if (isObj(meta) && isObj(meta.labels))
    for (const [k, v] of Object.entries(meta.labels)) if (typeof v === 'string') labels[k] = v;
  return labels;
}

export interface SimPod {
  name: string;
  /** Creation order across the whole simulation (older pods have smaller numbers). */
  born: number;
  ready: boolean;
  /** The readiness wave that made the pod Ready (0: Ready before the change); meaningful once `ready`. */
  readyAt: number;
  /** Why the scheduler could not place the pod yet; null once it is bound. */
  pending: string | null;
  node?: string;
  request: PodRequest;
}

/** All pods of all simulated workloads, sharing one cluster. */
export class PodPool {
  private seq = 0;
  private readonly live = new Set<SimPod>();
  private readonly waiting = new Set<SimPod>();
  /** Pods not Ready yet (Pending or waiting for the next wave). */
  private readonly notReady = new Set<SimPod>();
  /** Readiness waves run so far (SimPod.readyAt). */
  private waves = 0;

  constructor(private readonly cluster: Cluster) {}

  /** Creates a pod and tries to schedule it (`ready` is set for pods that exist before the rollout). */
  create(request: PodRequest, ready = false): SimPod {
    const pod: SimPod = { name: request.name, born: this.seq++, ready: false, readyAt: 0, pending: null, request };
    this.live.add(pod);
    this.bind(pod);
    pod.ready = ready && pod.pending === null;
    if (!pod.ready) this.notReady.add(pod);
    return pod;
  }

  /** The readiness wave: every bound pod that is not Ready becomes Ready. Returns how many did. */
  makeReady(): number {
    let n = 0;
    this.waves++;
    for (const pod of this.notReady) {
      if (pod.pending !== null) continue;
      pod.ready = true;
      pod.readyAt = this.waves;
      this.notReady.delete(pod);
      n++;
    }
    return n;
  }

  /** Deletes a pod; the room it frees goes at once to Pending pods (the scheduler requeues them on pod deletion). */
  delete(pod: SimPod): void {
    if (!this.live.delete(pod)) return;
    this.notReady.delete(pod);
    if (this.waiting.delete(pod)) return;
    this.cluster.remove(pod.request.namespace, pod.name);
    this.retryPending();
  }

  /**
   * The scheduler retries Pending pods, oldest first. Once a pod fails, the later pods of the same group (same
   * owner, same template) are not tried again in this pass: they would fail for the same reason.
   */
  retryPending(): boolean {
    if (this.waiting.size === 0) return false;
    let bound = false;
    const failed = new Set<string>();
    for (const pod of [...this.waiting].sort((a, b) => a.born - b.born)) {
      const group = this.groupOf(pod);
      if (failed.has(group)) continue;
      if (this.bind(pod)) bound = true;
      else failed.add(group);
    }
    return bound;
  }

  private readonly templateIds = new WeakMap<object, number>();
  private templateSeq = 0;

  private groupOf(pod: SimPod): string {
    const { namespace, owner, template } = pod.request;
    let id = this.templateIds.get(template);
    if (id === undefined) this.templateIds.set(template, (id = this.templateSeq++));
    return `${namespace}\0${owner.kind}\0${owner.name}\0${owner.replicaSet ?? ''}\0${id}`;
  }

  private bind(pod: SimPod): boolean {
    const placement = this.cluster.place(pod.request);
    if (placement.placed) {
      pod.pending = null;
      this.waiting.delete(pod);
      if (placement.node !== undefined) pod.node = placement.node;
      return true;
    }
    pod.pending = placement.reason;
    this.waiting.add(pod);
    return false;
  }
}

/**
 * `controller.ActivePodsWithRanks` (kubernetes v1.36 pkg/controller/controller_utils.go, Less), the order a
 * ReplicaSet's scale-down deletes pods in (replica_set.go getPodsToDelete), criterion by criterion:
 *   1. unassigned before assigned (no spec.nodeName: our Pending pods);
 *   2. phase Pending < Unknown < Running — implied here: unassigned pods are the only Pending ones that rule 1
 *      has not separated, and a bound pod that is not Ready is ordered by rule 3 just the same;
 *   3. not Ready before Ready;
 *   4. lower `controller.kubernetes.io/pod-deletion-cost` first — every pod of one ReplicaSet carries its
 *      template's annotation, so within the ReplicaSet being scaled it never differs;
 *   5. higher rank first: getPodsRankedByRelatedPodsOnSameNode counts the active pods of the same owner (every
 *      ReplicaSet of the Deployment, getIndirectlyRelatedPods) on the pod's node — doubled-up pods go first;
 *   6. both Ready: the one Ready more recently first;
 *   7. more container restarts first — nothing restarts in a plan;
 *   8. the newer pod first.
 * LogarithmicScaleDown buckets 6 and 8 by powers of two of their age and breaks bucket ties by the random UID;
 * a plan has no wall-clock ages, so the exact order (readiness wave, creation order) stands in, and the pod name,
 * descending, for the UID.
 */
export interface RankedPod {
  pod: SimPod;
  /** Active related pods on the same node (getPodsRankedByRelatedPodsOnSameNode). */
  rank: number;
}

export function deletionOrder(a: RankedPod, b: RankedPod): number {
  const pa = a.pod;
  const pb = b.pod;
  const unassigned = Number(pb.pending !== null) - Number(pa.pending !== null);
  if (unassigned) return unassigned;
  const notReady = Number(pa.ready) - Number(pb.ready);
  if (notReady) return notReady;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (pa.ready && pb.ready && pa.readyAt !== pb.readyAt) return pb.readyAt - pa.readyAt;
  return pb.born - pa.born || (pa.name < pb.name ? 1 : pa.name > pb.name ? -1 : 0);
}

/** The node a rank is counted on: unassigned pods share the empty node name, as `pod.Spec.NodeName` does upstream. */
function rankKey(pod: SimPod): string {
  return pod.pending !== null ? '' : `node:${pod.node ?? ''}`;
}

/**
 * The `count` pods a scale-down deletes first (getPodsToDelete): `pods` are the ReplicaSet's, `related` every
 * active pod of the same owner (the ranks count them). All pods go when count reaches their number.
 */
export function podsToDelete(pods: readonly SimPod[], count: number, related: readonly SimPod[] = pods): SimPod[] {
  if (count <= 0) return [];
  if (count >= pods.length) return [...pods];
  const onNode = new Map<string, number>();
  for (const p of related) onNode.set(rankKey(p), (onNode.get(rankKey(p)) ?? 0) + 1);
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(rankKey(pod)) ?? 0 }));
  if (count * 4 >= pods.length)
    return ranked
      .sort(deletionOrder)
      .slice(0, count)
      .map((r) => r.pod);
  // A partial selection: usually one or two pods out of many.
  const chosen = new Set<RankedPod>();
  for (let i = 0; i < count; i++) {
    let best: RankedPod | undefined;
    for (const r of ranked) if (!chosen.has(r) && (best === undefined || deletionOrder(r, best) < 0)) best = r;
    if (best === undefined) break;
    chosen.add(best);
  }
  return [...chosen].map((r) => r.pod);
}

/** Pods that are Ready (available) and pods still Pending, counted without allocating. */
export function countPods(pods: readonly SimPod[]): { ready: number; pending: number } {
  let ready = 0;
  let pending = 0;
  for (const p of pods) {
    if (p.ready) ready++;
    if (p.pending !== null) pending++;
  }
  return { ready, pending };
}
