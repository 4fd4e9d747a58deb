/**
 * The StatefulSet controller's pod management and rolling update, replayed pod by pod
 * (`pkg/controller/statefulset/stateful_set_control.go` updateStatefulSet / processReplica / processCondemned /
 * updateStatefulSetAfterInvariantEstablished). Deleted pods are gone at once (graceful termination is not modelled).
 */
import type { PodRequest } from './cluster.js';
import { scaledValue } from '../k8s/intstr.js';
import type { Clock, Rollout, WorkloadSim } from './model.js';
import { templateLabels, type PodPool, type SimPod } from './pods.js';
import type { StatefulSetSpec } from './workload.js';

export interface StatefulSetNaming {
  /** ControllerRevision name for a template (`<set>-<hash>`). */
  revision(set: string, template: Record<string, unknown>): string;
}

interface Replica {
  ordinal: number;
  pod: SimPod;
  revision: string;
}

export class StatefulSetSim implements WorkloadSim {
  readonly rollout: Rollout;
  private readonly set: StatefulSetSpec;
  private readonly currentRevision: string;
  private readonly updateRevision: string;
  private readonly oldTemplate: Record<string, unknown>;
  private readonly replicas = new Map<number, Replica>();
  private readonly maxUnavailable: number | null;

  constructor(
    old: StatefulSetSpec,
    next: StatefulSetSpec,
    private readonly pool: PodPool,
    private readonly clock: Clock,
    naming: StatefulSetNaming,
  ) {
    this.set = next;
    this.oldTemplate = old.template;
    this.currentRevision = naming.revision(old.name, old.template);
    this.updateRevision = naming.revision(next.name, next.template);
    // getStatefulSetMaxUnavailable: scaled (rounding down) against replicas, never below 1.
    this.maxUnavailable =
      next.maxUnavailable === null ? null : Math.max(1, scaledValue(next.maxUnavailable, next.replicas, false));
    // The starting point: the old StatefulSet settled, every pod Ready at the current revision.
    for (let ord = old.startOrdinal; ord < old.startOrdinal + old.replicas; ord++)
      this.createPod(ord, this.currentRevision, true);
    const limits: Record<string, number> = {};
    if (next.updateStrategy === 'RollingUpdate') {
      limits.partition = next.partition;
      limits.maxUnavailable = this.maxUnavailable ?? 1;
    }
    this.rollout = {
      kind: 'StatefulSet',
      namespace: next.namespace,
      name: next.name,
      strategy: next.updateStrategy,
      cause: this.currentRevision === this.updateRevision ? 'replicas' : 'template',
      replicas: { old: old.replicas, new: next.replicas },
      revisions: { old: this.currentRevision, new: this.updateRevision },
      limits,
      events: [],
      peakPods: this.replicas.size,
      minAvailable: this.available(),
      stalled: null,
      note:
        next.updateStrategy === 'OnDelete' && this.currentRevision !== this.updateRevision
          ? `updateStrategy OnDelete: existing pods keep revision ${this.currentRevision} until they are deleted; only pods created from now on use ${this.updateRevision}`
          : null,
    };
  }

  pods(): SimPod[] {
    return [...this.replicas.values()].map((r) => r.pod);
  }

  done(): boolean {
    const { start, end } = this.range();
    if (this.replicas.size !== end - start + 1) return false;
    for (let ord = start; ord <= end; ord++) {
      const r = this.replicas.get(ord);
      if (!r || !r.pod.ready) return false;
      if (
        this.set.updateStrategy === 'RollingUpdate' &&
        ord >= start + this.set.partition &&
        r.revision !== this.updateRevision
      )
        return false;
    }
    return true;
  }

  blockedReason(): string {
    const pending = [...this.replicas.values()]
      .sort((a, b) => a.ordinal - b.ordinal)
      .find((r) => r.pod.pending !== null);
    if (pending) return `pod ${pending.pod.name} is Pending: ${pending.pod.pending}`;
    return 'the controller can make no further progress';
  }

  /** updateStatefulSet: create missing replicas, delete condemned ones, then roll the update. */
  sync(): boolean {
    const before = this.rollout.events.length;
    const acted = () => this.rollout.events.length > before;
    const monotonic = this.set.podManagementPolicy !== 'Parallel'; // !allowsBurst
    const { start, end } = this.range();

    // processReplica, ascending ordinal. OrderedReady creates one pod and waits for each to be Ready.
    for (let ord = start; ord <= end; ord++) {
      let r = this.replicas.get(ord);
      if (!r) {
        r = this.createPod(ord, this.revisionForNewPod(ord), false);
        this.record('create', r, `Created pod ${r.pod.name} at revision ${r.revision}`);
        if (monotonic) return true;
      }
      if (monotonic && !r.pod.ready) return acted();
    }

    // processCondemned, descending ordinal: pods outside [start, end] are deleted (one at a time when monotonic).
    const condemned = this.hasCondemned(start, end)
      ? [...this.replicas.values()]
          .filter((r) => r.ordinal < start || r.ordinal > end)
          .sort((a, b) => b.ordinal - a.ordinal)
      : [];
    const firstUnhealthy = [...condemned].reverse().find((r) => !r.pod.ready);
    for (const r of condemned) {
      if (monotonic && !r.pod.ready && r !== firstUnhealthy) return acted();
      this.deletePod(r, `Deleted pod ${r.pod.name} (scale down)`);
      if (monotonic) return true;
    }

    if (this.set.updateStrategy === 'OnDelete') return acted(); // pods are replaced only when someone deletes them
    return this.rollingUpdate(start, end) || acted();
  }

  /**
   * The rolling update: the highest ordinal not at the update revision is deleted (and recreated at the new
   * revision on the next sync), never below the partition. Without maxUnavailable (the classic loop) it is one
   * pod at a time, waiting for each to be healthy; with it (MaxUnavailableStatefulSet), up to
   * maxUnavailable − unavailable pods at once.
   */
  private rollingUpdate(start: number, end: number): boolean {
    const updateMin = start + this.set.partition;
    const reason = (r: Replica) => `Deleted pod ${r.pod.name} (update to revision ${this.updateRevision})`;
    if (this.maxUnavailable === null) {
      for (let ord = end; ord >= updateMin; ord--) {
        const r = this.replicas.get(ord);
        if (!r) return false;
        if (r.revision !== this.updateRevision) {
          this.deletePod(r, reason(r));
          return true;
        }
        if (!r.pod.ready) return false; // wait for unhealthy pods on update
      }
      return false;
    }
    let unavailable = 0;
    for (let ord = start; ord <= end; ord++) if (!this.replicas.get(ord)?.pod.ready) unavailable++;
    if (unavailable >= this.maxUnavailable) return false;
    let deleted = 0;
    for (let ord = end; ord >= updateMin && deleted < this.maxUnavailable - unavailable; ord--) {
      const r = this.replicas.get(ord);
      if (r && r.revision !== this.updateRevision) {
        this.deletePod(r, reason(r));
        deleted++;
      }
    }
    return deleted > 0;
  }

  /** newVersionedStatefulSetPod: below the partition, pods are (re)created at the current revision. */
  private revisionForNewPod(ord: number): string {
    if (this.set.updateStrategy === 'RollingUpdate' && ord < this.set.startOrdinal + this.set.partition)
      return this.currentRevision;
    return this.updateRevision;
  }

  private hasCondemned(start: number, end: number): boolean {
    for (const ord of this.replicas.keys()) if (ord < start || ord > end) return true;
    return false;
  }

  private range(): { start: number; end: number } {
    return { start: this.set.startOrdinal, end: this.set.startOrdinal + this.set.replicas - 1 };
  }

  private createPod(ordinal: number, revision: string, settled: boolean): Replica {
    const name = `${this.set.name}-${ordinal}`; // getPodName
    const template = revision === this.currentRevision ? this.oldTemplate : this.set.template;
    const r: Replica = {
      ordinal,
      revision,
      pod: this.pool.create(this.request(name, ordinal, revision, template), settled),
    };
    this.replicas.set(ordinal, r);
    return r;
  }

  private deletePod(r: Replica, message: string): void {
    this.pool.delete(r.pod);
    this.replicas.delete(r.ordinal);
    this.record('delete', r, message);
  }

  private request(name: string, ordinal: number, revision: string, template: Record<string, unknown>): PodRequest {
    const labels = templateLabels(template);
    labels['controller-revision-hash'] = revision;
    labels['statefulset.kubernetes.io/pod-name'] = name;
    labels['apps.kubernetes.io/pod-index'] = String(ordinal);
    return {
      name,
      namespace: this.set.namespace,
      owner: { kind: 'StatefulSet', name: this.set.name },
      labels,
      template,
      ...(this.set.selector !== undefined ? { ownerSelector: this.set.selector } : {}),
    };
  }

  private available(): number {
    return this.pods().filter((p) => p.ready).length;
  }

  private record(action: 'create' | 'delete', r: Replica, message: string): void {
    let updated = 0;
    let available = 0;
    let pending = 0;
    for (const x of this.replicas.values()) {
      if (x.revision === this.updateRevision) updated++;
      if (x.pod.ready) available++;
      if (x.pod.pending !== null) pending++;
    }
    const event = {
      action,
      pod: r.pod.name,
      old: this.replicas.size - updated,
      new: updated,
      available,
      message,
      wave: this.clock.wave,
      pending,
    };
    this.rollout.events.push(event);
    this.rollout.peakPods = Math.max(this.rollout.peakPods, this.replicas.size);
    this.rollout.minAvailable = Math.min(this.rollout.minAvailable, event.available);
  }
}
