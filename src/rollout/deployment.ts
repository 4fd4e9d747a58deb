/**
 * The Deployment controller, replayed on counts of pods (`pkg/controller/deployment`):
 * syncDeployment → sync/scale on scaling events, rolloutRolling (rolling.go) or rolloutRecreate (recreate.go).
 * Each ReplicaSet's own controller acts at once (its pods are created or deleted as soon as it is scaled).
 */
import { isObj } from '../core/values.js';
import type { PodRequest } from './cluster.js';
import { newRSNewReplicas, resolveFenceposts, type Fenceposts } from './fenceposts.js';
import type { Clock, Rollout, RolloutEvent, WorkloadSim } from './model.js';
import { countPods, podsToDelete, templateLabels, type PodPool, type SimPod } from './pods.js';
import type { DeploymentSpec } from './workload.js';

/** Names, hashes and labels come from outside (the planner's naming when available). */
export interface DeploymentNaming {
  /** pod-template-hash of a template. */
  hash(template: Record<string, unknown>): string;
  /** A new pod name for a ReplicaSet. */
  podName(namespace: string, replicaSet: string): string;
}

/**
 * A ReplicaSet the Deployment already has when the plan starts (from the --cluster snapshot): the plan can start
 * mid-rollout, with several active ReplicaSets.
 */
export interface StartingReplicaSet {
  name: string;
  /** Its pod-template-hash label (as the cluster computed it; reported, not compared). */
  hash: string;
  template: Record<string, unknown>;
  replicas: number;
  /** The deployment.kubernetes.io/desired-replicas and max-replicas annotations (absent: unknown). */
  desired?: number;
  maxReplicas?: number;
}

interface ReplicaSet {
  name: string;
  hash: string;
  template: Record<string, unknown>;
  /** Creation order (ReplicaSetsByCreationTimestamp). */
  created: number;
  /** spec.replicas */
  replicas: number;
  /** The `deployment.kubernetes.io/desired-replicas` annotation. */
  desired: number;
  /** The `deployment.kubernetes.io/max-replicas` annotation (replicas + maxSurge when last scaled); 0 = unknown. */
  maxReplicas: number;
  pods: SimPod[];
}

export class DeploymentSim implements WorkloadSim {
  readonly rollout: Rollout;
  private readonly rss: ReplicaSet[] = [];
  private readonly d: DeploymentSpec;
  private readonly f: Fenceposts;
  private readonly newHash: string;

  constructor(
    old: DeploymentSpec,
    next: DeploymentSpec,
    private readonly pool: PodPool,
    private readonly clock: Clock,
    private readonly naming: DeploymentNaming,
    start: StartingReplicaSet[] = [],
  ) {
    this.d = next;
    this.f = resolveFenceposts(next.strategy, next.maxSurge, next.maxUnavailable, next.replicas);
    this.newHash = naming.hash(next.template);
    const oldHash = naming.hash(old.template);
    const oldSurge = resolveFenceposts(old.strategy, old.maxSurge, old.maxUnavailable, old.replicas).maxSurge;
    // The starting point: the ReplicaSets of the snapshot, oldest first, their pods Ready — or else the old
    // Deployment settled, one ReplicaSet with all its pods Ready.
    const starting =
      start.length > 0
        ? start
        : [{ name: `${old.name}-${oldHash}`, hash: oldHash, template: old.template, replicas: old.replicas }];
    let rs: ReplicaSet | undefined;
    for (const s of starting) {
      // FindNewReplicaSet compares templates (EqualIgnoreHash), so the snapshot's hash label is not used to match.
      const added = this.addReplicaSet(s.template, naming.hash(s.template), s.replicas);
      added.name = s.name;
      added.desired = s.desired ?? old.replicas;
      // A snapshot ReplicaSet without the max-replicas annotation keeps 0 (getReplicaSetFraction then falls back
      // to status.replicas); the settled start carries what SetReplicasAnnotations wrote.
      added.maxReplicas =
        s.maxReplicas ?? (start.length === 0 && old.strategy === 'RollingUpdate' ? old.replicas + oldSurge : 0);
      this.manage(added, true);
      if (added.hash === oldHash || rs === undefined) rs = added;
    }
    rs ??= this.addReplicaSet(old.template, oldHash, 0);
    // Mid-rollout, the "old" side is the oldest active ReplicaSet that is not the new one.
    rs = this.rss.find((x) => x.hash !== this.newHash && x.replicas > 0) ?? rs;
    const available = this.available();
    this.rollout = {
      kind: 'Deployment',
      namespace: next.namespace,
      name: next.name,
      strategy: next.strategy,
      cause: oldHash === this.newHash ? 'replicas' : 'template',
      replicas: { old: old.replicas, new: next.replicas },
      revisions: { old: rs.name, new: this.newRS()?.name ?? `${next.name}-${this.newHash}` },
      limits:
        next.strategy === 'RollingUpdate' ? { maxSurge: this.f.maxSurge, maxUnavailable: this.f.maxUnavailable } : {},
      events: [],
      peakPods: this.podCount(),
      minAvailable: available,
      stalled: null,
      note:
        next.paused && oldHash !== this.newHash
          ? 'the Deployment is paused: the new pod template is not rolled out until it is resumed'
          : null,
    };
  }

  pods(): SimPod[] {
    return this.rss.flatMap((rs) => rs.pods);
  }

  /** syncDeployment: paused or scaling event → sync() (scale only); else the strategy's rollout. */
  sync(): boolean {
    if (this.d.paused || this.isScalingEvent()) return this.scale();
    return this.d.strategy === 'Recreate' ? this.rolloutRecreate() : this.rolloutRolling();
  }

  /** DeploymentComplete (and, when paused, nothing left to scale). */
  done(): boolean {
    if (this.d.paused) return !this.isScalingEvent() && this.available() === this.podCount();
    const newRS = this.newRS();
    return (
      newRS !== undefined &&
      newRS.pods.length === this.d.replicas &&
      this.podCount() === this.d.replicas &&
      this.available() === this.d.replicas
    );
  }

  blockedReason(): string {
    const pending = this.pods().find((p) => p.pending !== null);
    if (pending) return `pod ${pending.name} is Pending: ${pending.pending}`;
    return 'the controller can make no further progress';
  }

  // --- getAllReplicaSetsAndSyncRevision / FindNewReplicaSet -------------------------------------------

  private newRS(): ReplicaSet | undefined {
    // FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's (EqualIgnoreHash).
    return this.rss.find((rs) => rs.hash === this.newHash);
  }

  private oldRSs(): ReplicaSet[] {
    return this.rss.filter((rs) => rs.hash !== this.newHash);
  }

  private addReplicaSet(template: Record<string, unknown>, hash: string, replicas: number): ReplicaSet {
    const rs: ReplicaSet = {
      name: `${this.d.name}-${hash}`,
      hash,
      template,
      created: this.rss.length,
      replicas,
      desired: this.d.replicas,
      maxReplicas: 0,
      pods: [],
    };
    this.rss.push(rs);
    return rs;
  }

  /** getNewReplicaSet with createIfNotExisted: a new ReplicaSet starts at NewRSNewReplicas. */
  private getOrCreateNewRS(): ReplicaSet {
    const existing = this.newRS();
    if (existing) return existing;
    const rs = this.addReplicaSet(this.d.template, this.newHash, 0);
    const replicas = newRSNewReplicas(this.d.strategy, this.d.replicas, this.f.maxSurge, {
      allReplicas: this.specTotal(),
      newReplicas: 0,
    });
    rs.replicas = replicas;
    this.manage(rs);
    if (replicas > 0) this.record(rs, `Scaled up replica set ${rs.name} to ${replicas}`);
    return rs;
  }

  // --- sync.go: scaling events ----------------------------------------------------------------------

  /** isScalingEvent: an active ReplicaSet whose desired-replicas annotation differs from spec.replicas. */
  private isScalingEvent(): boolean {
    const candidates = [...this.oldRSs(), ...(this.newRS() ? [this.newRS()!] : [])];
    return candidates.some((rs) => rs.replicas > 0 && rs.desired !== this.d.replicas);
  }

  /**
   * sync.go scale() (kubernetes v1.36): one active ReplicaSet (or none: the newest) is scaled straight to
   * spec.replicas; a saturated new ReplicaSet sends the old ones to 0; otherwise, for RollingUpdate, the
   * difference to replicas + maxSurge is shared out in proportion to each active ReplicaSet's size
   * (GetReplicaSetProportion), larger ReplicaSets first, the leftover to the first.
   */
  private scale(): boolean {
    const target = this.findActiveOrLatest();
    if (target) {
      if (target.replicas === this.d.replicas) {
        target.desired = this.d.replicas;
        return false;
      }
      return this.scaleTo(target, this.d.replicas);
    }
    const newRS = this.newRS();
    if (newRS && this.isSaturated(newRS)) {
      let acted = false;
      for (const old of this.oldRSs()) if (old.replicas > 0 && this.scaleTo(old, 0)) acted = true;
      return acted;
    }
    if (this.d.strategy !== 'RollingUpdate') return false;
    const all = this.rss.filter((rs) => rs.replicas > 0); // FilterActiveReplicaSets
    const allReplicas = sum(all.map((rs) => rs.replicas));
    const allowedSize = this.d.replicas > 0 ? this.d.replicas + this.f.maxSurge : 0;
    const toAdd = allowedSize - allReplicas;
    // ReplicaSetsBySizeNewer when scaling up, ReplicaSetsBySizeOlder when scaling down.
    all.sort((a, b) => b.replicas - a.replicas || (toAdd > 0 ? b.created - a.created : a.created - b.created));
    const size = new Map<ReplicaSet, number>();
    let added = 0;
    for (const rs of all) {
      const proportion = toAdd === 0 ? 0 : this.proportion(rs, toAdd, added);
      size.set(rs, rs.replicas + proportion);
      added += proportion;
    }
    let acted = false;
    all.forEach((rs, i) => {
      let n = size.get(rs)!;
      if (i === 0 && toAdd !== 0) n = Math.max(0, n + toAdd - added); // leftovers to the largest
      rs.maxReplicas = this.d.replicas + this.f.maxSurge;
      if (this.scaleTo(rs, n)) acted = true;
      else rs.desired = this.d.replicas;
    });
    return acted;
  }

  /** GetReplicaSetProportion / getReplicaSetFraction (deployment/util/deployment_util.go). */
  private proportion(rs: ReplicaSet, toAdd: number, added: number): number {
    if (rs.replicas === 0 || toAdd === added) return 0;
    let fraction: number;
    if (this.d.replicas === 0) fraction = -rs.replicas;
    else {
      const maxNow = this.d.replicas + this.f.maxSurge;
      // No max-replicas annotation: the Deployment's current pod count (status.replicas).
      const before = rs.maxReplicas > 0 ? rs.maxReplicas : this.podCount();
      fraction = before === 0 ? 0 : roundHalfAway((rs.replicas * maxNow) / before) - rs.replicas;
    }
    const allowed = toAdd - added;
    return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
  }

  /** IsSaturated: the new ReplicaSet has all replicas, its annotation agrees, and all are available. */
  private isSaturated(rs: ReplicaSet): boolean {
    return (
      rs.replicas === this.d.replicas && rs.desired === this.d.replicas && countPods(rs.pods).ready === this.d.replicas
    );
  }

  /** FindActiveOrLatest: the only active ReplicaSet, else the new one, else the newest old one. */
  private findActiveOrLatest(): ReplicaSet | undefined {
    const active = this.rss.filter((rs) => rs.replicas > 0);
    if (active.length === 1) return active[0];
    if (active.length > 1) return undefined;
    return this.newRS() ?? this.oldRSs().at(-1);
  }

  // --- rolling.go ---------------------------------------------------------------------------------

  /** rolloutRolling: scale the new ReplicaSet up if possible and stop; otherwise scale old ones down. */
  private rolloutRolling(): boolean {
    const status = this.statusSnapshot();
    const before = this.rollout.events.length;
    const newRS = this.getOrCreateNewRS();
    if (this.reconcileNewReplicaSet(newRS)) return true;
    this.reconcileOldReplicaSets(newRS, status);
    return this.rollout.events.length > before;
  }

  private reconcileNewReplicaSet(newRS: ReplicaSet): boolean {
    const R = this.d.replicas;
    if (newRS.replicas === R) return false;
    if (newRS.replicas > R) return this.scaleTo(newRS, R);
    const n = newRSNewReplicas(this.d.strategy, R, this.f.maxSurge, {
      allReplicas: this.specTotal(),
      newReplicas: newRS.replicas,
    });
    return this.scaleTo(newRS, n);
  }

  /**
   * reconcileOldReplicaSets: maxScaledDown = allPods − minAvailable − newRSUnavailable; first
   * cleanupUnhealthyReplicas, then scaleDownOldReplicaSetsForRollingUpdate. Availability is read from the
   * status the sync started with (the ReplicaSet controller updates it only afterwards).
   */
  private reconcileOldReplicaSets(newRS: ReplicaSet, status: Map<ReplicaSet, number>): boolean {
    const old = this.oldRSs().filter((rs) => rs.replicas > 0); // FilterActiveReplicaSets
    if (sum(old.map((rs) => rs.replicas)) === 0) return false;
    const allPods = this.specTotal();
    const minAvailable = this.d.replicas - this.f.maxUnavailable;
    const newRSUnavailable = newRS.replicas - (status.get(newRS) ?? 0);
    const maxScaledDown = allPods - minAvailable - newRSUnavailable;
    if (maxScaledDown <= 0) return false;
    old.sort((a, b) => a.created - b.created); // ReplicaSetsByCreationTimestamp: oldest first
    const cleaned = this.cleanupUnhealthyReplicas(old, maxScaledDown, status);
    const scaled = this.scaleDownOldReplicaSetsForRollingUpdate(old, minAvailable, status);
    return cleaned + scaled > 0;
  }

  /** cleanupUnhealthyReplicas: drop old ReplicaSets' unavailable pods first; they cost no availability. */
  private cleanupUnhealthyReplicas(old: ReplicaSet[], maxCleanup: number, status: Map<ReplicaSet, number>): number {
    let total = 0;
    for (const rs of old) {
      if (total >= maxCleanup) break;
      const available = status.get(rs) ?? 0;
      if (rs.replicas === 0 || rs.replicas === available) continue;
      const k = Math.min(maxCleanup - total, rs.replicas - available);
      this.scaleTo(rs, rs.replicas - k);
      total += k;
    }
    return total;
  }

  /** scaleDownOldReplicaSetsForRollingUpdate: remove up to availablePods − minAvailable old pods, oldest ReplicaSet first. */
  private scaleDownOldReplicaSetsForRollingUpdate(
    old: ReplicaSet[],
    minAvailable: number,
    status: Map<ReplicaSet, number>,
  ): number {
    const available = sum([...status.values()]);
    if (available <= minAvailable) return 0;
    const budget = available - minAvailable;
    let total = 0;
    for (const rs of old) {
      if (total >= budget) break;
      if (rs.replicas === 0) continue;
      const k = Math.min(rs.replicas, budget - total);
      this.scaleTo(rs, rs.replicas - k);
      total += k;
    }
    return total;
  }

  // --- recreate.go --------------------------------------------------------------------------------

  /** rolloutRecreate: old ReplicaSets to 0; once their pods are gone, create the new one at replicas. */
  private rolloutRecreate(): boolean {
    const before = this.rollout.events.length;
    for (const rs of this.oldRSs()) this.scaleTo(rs, 0);
    if (this.rollout.events.length > before) return true;
    if (this.oldRSs().some((rs) => rs.pods.length > 0)) return false; // oldPodsRunning
    this.scaleTo(this.getOrCreateNewRS(), this.d.replicas);
    return this.rollout.events.length > before;
  }

  // --- ReplicaSet controller, events --------------------------------------------------------------

  /** scaleReplicaSetAndRecordEvent, followed at once by the ReplicaSet controller's manageReplicas. */
  private scaleTo(rs: ReplicaSet, n: number): boolean {
    if (rs.replicas === n) return false;
    const op = n > rs.replicas ? 'up' : 'down';
    rs.replicas = n;
    rs.desired = this.d.replicas; // SetReplicasAnnotations: desired-replicas and max-replicas
    if (this.d.strategy === 'RollingUpdate') rs.maxReplicas = this.d.replicas + this.f.maxSurge;
    this.manage(rs);
    this.record(rs, `Scaled ${op} replica set ${rs.name} to ${n}`);
    return true;
  }

  /**
   * manageReplicas: create missing pods (scheduled at once) or delete surplus ones in ActivePodsWithRanks order,
   * ranked against the pods of every ReplicaSet of the Deployment (getIndirectlyRelatedPods).
   */
  private manage(rs: ReplicaSet, settled = false): void {
    while (rs.pods.length < rs.replicas) {
      const name = this.naming.podName(this.d.namespace, rs.name);
      rs.pods.push(this.pool.create(this.request(rs, name), settled));
    }
    if (rs.pods.length > rs.replicas) {
      const doomed = new Set(podsToDelete(rs.pods, rs.pods.length - rs.replicas, this.pods()));
      rs.pods = rs.pods.filter((p) => !doomed.has(p));
      for (const pod of doomed) this.pool.delete(pod);
    }
  }

  private request(rs: ReplicaSet, name: string): PodRequest {
    const labels = templateLabels(rs.template);
    labels['pod-template-hash'] = rs.hash;
    // getNewReplicaSet: the ReplicaSet's selector is the Deployment's plus pod-template-hash.
    const sel = this.d.selector;
    const ownerSelector = isObj(sel)
      ? { ...sel, matchLabels: { ...(isObj(sel.matchLabels) ? sel.matchLabels : {}), 'pod-template-hash': rs.hash } }
      : undefined;
    return {
      name,
      namespace: this.d.namespace,
      owner: { kind: 'Deployment', name: this.d.name, replicaSet: rs.name },
      labels,
      template: rs.template,
      ...(ownerSelector ? { ownerSelector } : {}),
    };
  }

  private record(_rs: ReplicaSet, message: string): void {
    const newRS = this.newRS();
    const event: RolloutEvent = {
      action: 'scale',
      replicaSet: _rs.name,
      old: sum(this.oldRSs().map((rs) => rs.replicas)),
      new: newRS?.replicas ?? 0,
      available: this.available(),
      message,
      wave: this.clock.wave,
      pending: sum(this.rss.map((rs) => countPods(rs.pods).pending)),
    };
    this.rollout.events.push(event);
    this.rollout.peakPods = Math.max(this.rollout.peakPods, this.podCount());
    this.rollout.minAvailable = Math.min(this.rollout.minAvailable, event.available);
  }

  // --- counts ---------------------------------------------------------------------------------------

  private specTotal(): number {
    return sum(this.rss.map((rs) => rs.replicas));
  }

  private podCount(): number {
    return sum(this.rss.map((rs) => rs.pods.length));
  }

  private available(): number {
    return sum(this.rss.map((rs) => countPods(rs.pods).ready));
  }

  /** status.availableReplicas of every ReplicaSet, as the sync starts. */
  private statusSnapshot(): Map<ReplicaSet, number> {
    return new Map(this.rss.map((rs) => [rs, countPods(rs.pods).ready]));
  }
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

/** integer.RoundToInt32: math.Round, halves away from zero. */
function roundHalfAway(x: number): number {
  return Math.sign(x) * Math.round(Math.abs(x));
}
