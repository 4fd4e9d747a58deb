/**
 * Pods as the rollout simulation sees them: created by a controller, bound by the cluster (or left
 * Pending with the scheduler's reason), made Ready by the wave, deleted by a controller.
 */
import type { Cluster, PodRequest } from './cluster.js';

export interface SimPod {
  name: string;
  /** Creation order across the whole simulation (older pods have smaller numbers). */
  born: number;
  ready: boolean;
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

  constructor(private readonly cluster: Cluster) {}

  /** Creates a pod and tries to schedule it (`ready` is set for pods that exist before the rollout). */
  create(request: PodRequest, ready = false): SimPod {
    const pod: SimPod = { name: request.name, born: this.seq++, ready: false, pending: null, request };
    this.live.add(pod);
    this.bind(pod);
    pod.ready = ready && pod.pending === null;
    if (!pod.ready) this.notReady.add(pod);
    return pod;
  }

  /** The readiness wave: every bound pod that is not Ready becomes Ready. Returns how many did. */
  makeReady(): number {
    let n = 0;
    for (const pod of this.notReady) {
      if (pod.pending !== null) continue;
      pod.ready = true;
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
 * `controller.ActivePodsWithRanks` order, for choosing which pods a scale-down deletes: unscheduled first,
 * then not Ready, then the newest; ties by name, descending (our stand-in for the UID tie-break).
 */
export function deletionOrder(a: SimPod, b: SimPod): number {
  const unassigned = Number(b.pending !== null) - Number(a.pending !== null);
  if (unassigned) return unassigned;
  const notReady = Number(a.ready) - Number(b.ready);
  if (notReady) return notReady;
  return b.born - a.born || (a.name < b.name ? 1 : a.name > b.name ? -1 : 0);
}

/** The `count` pods a scale-down deletes first (a partial selection: usually one or two out of many). */
export function podsToDelete(pods: readonly SimPod[], count: number): SimPod[] {
  if (count <= 0) return [];
  if (count * 4 >= pods.length) return [...pods].sort(deletionOrder).slice(0, count);
  const chosen = new Set<SimPod>();
  for (let i = 0; i < count; i++) {
    let best: SimPod | undefined;
    for (const p of pods) if (!chosen.has(p) && (best === undefined || deletionOrder(p, best) < 0)) best = p;
    if (best === undefined) break; // fewer pods than count: all are chosen
    chosen.add(best);
  }
  return [...chosen];
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
