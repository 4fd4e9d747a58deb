/**
 * The DaemonSet controller's update, replayed node by node (kubernetes v1.34 pkg/controller/daemon/update.go
 * rollingUpdate, updatedDesiredNodeCounts; daemon_controller.go manage / syncNodes). Each sync: the manage loop
 * creates a pod on every node that should run one and has none, and deletes pods on nodes that should not; then
 * the rolling update deletes old pods (maxSurge 0: while fewer than maxUnavailable pods are unavailable) or
 * creates a new pod beside an old one (maxSurge > 0, up to maxSurge at once) and deletes the old pod once the new
 * one is available. Upstream walks the nodes in Go map order (random); kubeplan walks them in name order.
 * Availability is readiness (minReadySeconds is not modelled); deleted pods are gone at once.
 */
import type { Cluster, PodRequest } from './cluster.js';
import { DEFAULT_NODES } from './cluster.js';
import { scaledValue } from '../k8s/intstr.js';
import type { Clock, Rollout, WorkloadSim } from './model.js';
import { templateLabels, type PodPool, type SimPod } from './pods.js';
import type { DaemonSetSpec } from './workload.js';

export interface DaemonSetNaming {
  /** ControllerRevision name for a template (`<set>-<hash>`); its hash is the pods' controller-revision-hash. */
  revision(set: string, template: Record<string, unknown>): string;
  /** A new pod name (generateName `<set>-`). */
  podName(namespace: string, set: string): string;
}

interface DaemonPod {
  node: string;
  revision: string;
  pod: SimPod;
}

export class DaemonSetSim implements WorkloadSim {
  readonly rollout: Rollout;
  private readonly currentRevision: string;
  private readonly updateRevision: string;
  /** Pods by node: at most one old and one new (two only while surging). */
  private readonly byNode = new Map<string, DaemonPod[]>();
  /** Nodes the new template should run on, in name order. */
  private readonly nodes: string[];
  private readonly maxSurge: number;
  private readonly maxUnavailable: number;

  constructor(
    private readonly old: DaemonSetSpec,
    private readonly set: DaemonSetSpec,
    private readonly pool: PodPool,
    private readonly clock: Clock,
    private readonly naming: DaemonSetNaming,
    cluster: Cluster | undefined,
  ) {
    const nodesFor = (template: Record<string, unknown>) => cluster?.daemonNodes?.(template) ?? [...DEFAULT_NODES];
    this.currentRevision = naming.revision(old.name, old.template);
    this.updateRevision = naming.revision(set.name, set.template);
    this.nodes = nodesFor(set.template);
    // updatedDesiredNodeCounts: both scaled against the nodes that should run the pod, rounding up
    // (util.UnavailableCount / SurgeCount); both 0 would never progress, so one pod may be unavailable.
    const desired = this.nodes.length;
    this.maxSurge = set.updateStrategy === 'RollingUpdate' ? scaledValue(set.maxSurge, desired, true) : 0;
    let maxUnavailable = set.updateStrategy === 'RollingUpdate' ? scaledValue(set.maxUnavailable, desired, true) : 0;
    if (desired > 0 && maxUnavailable === 0 && this.maxSurge === 0) maxUnavailable = 1;
    this.maxUnavailable = maxUnavailable;
    // The starting point: the old DaemonSet settled, one Ready pod on each of its nodes.
    const oldNodes = nodesFor(old.template);
    for (const node of oldNodes) this.createPod(node, this.currentRevision, true);
    const changed = this.currentRevision !== this.updateRevision;
    this.rollout = {
      kind: 'DaemonSet',
      namespace: set.namespace,
      name: set.name,
      strategy: set.updateStrategy,
      cause: changed ? 'template' : 'replicas',
      replicas: { old: oldNodes.length, new: this.nodes.length },
      revisions: { old: this.currentRevision, new: this.updateRevision },
      limits:
        set.updateStrategy === 'RollingUpdate' ? { maxSurge: this.maxSurge, maxUnavailable: this.maxUnavailable } : {},
      events: [],
      peakPods: oldNodes.length,
      minAvailable: oldNodes.length,
      stalled: null,
      note:
        set.updateStrategy === 'OnDelete' && changed
          ? `updateStrategy OnDelete: existing pods keep revision ${this.currentRevision} until they are deleted; only pods created from now on use ${this.updateRevision}`
          : null,
    };
  }

  pods(): SimPod[] {
    return [...this.byNode.values()].flat().map((p) => p.pod);
  }

  done(): boolean {
    const wanted = new Set(this.nodes);
    for (const [node, pods] of this.byNode) if (!wanted.has(node) && pods.length > 0) return false;
    return this.nodes.every((node) => {
      const pods = this.byNode.get(node) ?? [];
      if (pods.length !== 1 || !pods[0]!.pod.ready) return false;
      return this.set.updateStrategy === 'OnDelete' || pods[0]!.revision === this.updateRevision;
    });
  }

  blockedReason(): string {
    const pending = this.pods().find((p) => p.pending !== null);
    if (pending) return `pod ${pending.name} is Pending: ${pending.pending}`;
    return 'the controller can make no further progress';
  }

  sync(): boolean {
    const before = this.rollout.events.length;
    this.manage();
    if (this.set.updateStrategy === 'RollingUpdate') {
      if (this.maxSurge === 0) this.rollWithoutSurge();
      else this.rollWithSurge();
    }
    return this.rollout.events.length > before;
  }

  /** manage: a pod on every node that should run one (created from the current template), none elsewhere. */
  private manage(): void {
    const wanted = new Set(this.nodes);
    for (const [node, pods] of [...this.byNode].sort(([a], [b]) => (a < b ? -1 : 1)))
      if (!wanted.has(node))
        for (const p of pods) this.deletePod(p, `Deleted pod ${p.pod.name} on ${node} (the node should not run it)`);
    for (const node of this.nodes)
      if ((this.byNode.get(node) ?? []).length === 0) {
        const p = this.createPod(node, this.updateRevision, false);
        this.record('create', p, `Created pod ${p.pod.name} on ${node} at revision ${p.revision}`);
      }
  }

  private split(node: string): { oldPod?: DaemonPod; newPod?: DaemonPod } {
    const pods = this.byNode.get(node) ?? [];
    return {
      oldPod: pods.find((p) => p.revision !== this.updateRevision),
      newPod: pods.find((p) => p.revision === this.updateRevision),
    };
  }

  /** rollingUpdate with maxSurge 0: delete old pods while the unavailable ones stay under maxUnavailable. */
  private rollWithoutSurge(): void {
    let unavailable = 0;
    const replace: DaemonPod[] = [];
    const candidates: DaemonPod[] = [];
    for (const node of this.nodes) {
      const { oldPod, newPod } = this.split(node);
      if ((oldPod === undefined) === (newPod === undefined))
        unavailable++; // none, or both: manage's business
      else if (newPod) {
        if (!newPod.pod.ready) unavailable++;
      } else if (!oldPod!.pod.ready)
        replace.push(oldPod!); // an unavailable old pod is replaced at once
      else if (unavailable < this.maxUnavailable) candidates.push(oldPod!);
    }
    const room = Math.min(Math.max(0, this.maxUnavailable - unavailable), candidates.length);
    for (const p of [...replace, ...candidates.slice(0, room)])
      this.deletePod(p, `Deleted pod ${p.pod.name} on ${p.node} (update to revision ${this.updateRevision})`);
  }

  /** rollingUpdate with maxSurge: a new pod beside each old one (up to maxSurge at once); the old goes once it is available. */
  private rollWithSurge(): void {
    let surging = 0;
    const allowed: string[] = [];
    const candidates: string[] = [];
    const toDelete: DaemonPod[] = [];
    for (const node of this.nodes) {
      const { oldPod, newPod } = this.split(node);
      if (!oldPod) continue; // nothing to do, or manage creates the pod
      if (!newPod) {
        if (!oldPod.pod.ready) allowed.push(node);
        else if (surging < this.maxSurge) candidates.push(node);
      } else if (!newPod.pod.ready) surging++;
      else toDelete.push(oldPod);
    }
    const room = Math.min(Math.max(0, this.maxSurge - surging), candidates.length);
    // syncNodes: the creations, then the deletions.
    for (const node of [...allowed, ...candidates.slice(0, room)]) {
      const p = this.createPod(node, this.updateRevision, false);
      this.record('create', p, `Created pod ${p.pod.name} on ${node} at revision ${p.revision} (surge)`);
    }
    for (const p of toDelete)
      this.deletePod(p, `Deleted pod ${p.pod.name} on ${p.node} (its replacement is available)`);
  }

  private createPod(node: string, revision: string, settled: boolean): DaemonPod {
    const template = revision === this.currentRevision ? this.old.template : this.set.template;
    const name = this.naming.podName(this.set.namespace, this.set.name);
    const p: DaemonPod = {
      node,
      revision,
      pod: this.pool.create(this.request(name, node, revision, template), settled),
    };
    const list = this.byNode.get(node);
    if (list) list.push(p);
    else this.byNode.set(node, [p]);
    return p;
  }

  private deletePod(p: DaemonPod, message: string): void {
    this.pool.delete(p.pod);
    const list = this.byNode.get(p.node) ?? [];
    list.splice(list.indexOf(p), 1);
    if (list.length === 0) this.byNode.delete(p.node);
    this.record('delete', p, message);
  }

  private request(name: string, node: string, revision: string, template: Record<string, unknown>): PodRequest {
    const labels = templateLabels(template);
    labels['controller-revision-hash'] = revision.slice(this.set.name.length + 1);
    return {
      name,
      namespace: this.set.namespace,
      owner: { kind: 'DaemonSet', name: this.set.name },
      labels,
      template,
      node,
    };
  }

  private record(action: 'create' | 'delete', p: DaemonPod, message: string): void {
    let updated = 0;
    let available = 0;
    let pending = 0;
    let total = 0;
    for (const list of this.byNode.values())
      for (const x of list) {
        total++;
        if (x.revision === this.updateRevision) updated++;
        if (x.pod.ready) available++;
        if (x.pod.pending !== null) pending++;
      }
    this.rollout.events.push({
      action,
      pod: p.pod.name,
      old: total - updated,
      new: updated,
      available,
      message,
      wave: this.clock.wave,
      pending,
    });
    this.rollout.peakPods = Math.max(this.rollout.peakPods, total);
    this.rollout.minAvailable = Math.min(this.rollout.minAvailable, available);
  }
}
