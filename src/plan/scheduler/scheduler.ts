/**
 * kube-scheduler's scheduling cycle over a ClusterState, one pod at a time, running a Profile's plugins
 * (kubernetes v1.30 pkg/scheduler/schedule_one.go):
 *   schedulePod → findNodesThatFitPod (PreFilter, then Filter on every node, a node stopping at the first plugin
 *   that rejects it) → no node: PostFilter, FitError → one node: take it → prioritizeNodes (PreScore, Score,
 *   NormalizeScore, × weight, summed) → selectHost → Reserve → PreBind → bind.
 * Kubernetes breaks ties between top nodes at random (reservoir sampling); kubeplan takes the smallest node name.
 * From 100 nodes up the filters stop after numFeasibleNodesToFind feasible nodes, starting at a rotating
 * nextStartNodeIndex (sampling.ts); `percentageOfNodesToScore: 100` (--score-all-nodes) evaluates every node.
 */
import {
  isStatus,
  newCycle,
  unresolvable,
  type Cycle,
  type Diagnosis,
  type Plugin,
  type PostFilterResult,
  type SchedulerEnv,
  type Status,
} from './framework.js';
import { fitErrorMessage, NO_NODES_AVAILABLE } from './message.js';
import { DEFAULT_PROFILE, type Profile } from './profile.js';
import { equivalenceClass } from './pod-info.js';
import { nodeTreeOrder, numFeasibleNodesToFind } from './sampling.js';
import type { ClusterState, NodeState } from './state.js';
import type { NodeExplain, SchedPod, ScheduleResult } from './types.js';

export interface ScheduleOptions {
  /** Collect per-node filter verdicts and per-plugin scores. */
  explain?: boolean;
  /** Bind the pod to the chosen node (default true); false only evaluates. */
  bind?: boolean;
  /**
   * status.nominatedNodeName from an earlier preemption: findNodesThatFitPod tries that node first and takes it
   * when it passes the filters (evaluateNominatedNode), without scoring.
   */
  nominatedNode?: string;
}

/** A profile's plugins sorted into extension points once (framework.NewFramework). */
interface ExtensionPoints {
  preEnqueue: Plugin[];
  preFilter: Plugin[];
  filter: Plugin[];
  postFilter: Plugin[];
  preScore: Plugin[];
  score: Array<{ plugin: Plugin; weight: number }>;
  reserve: Plugin[];
  preBind: Plugin[];
}

function extensionPoints(profile: Profile): ExtensionPoints {
  const plugins = profile.plugins.map((e) => e.plugin);
  return {
    preEnqueue: plugins.filter((p) => p.preEnqueue),
    preFilter: plugins.filter((p) => p.preFilter),
    filter: plugins.filter((p) => p.filter),
    postFilter: plugins.filter((p) => p.postFilter),
    preScore: plugins.filter((p) => p.preScore),
    score: profile.plugins.filter((e) => e.plugin.score).map((e) => ({ plugin: e.plugin, weight: e.weight ?? 1 })),
    reserve: plugins.filter((p) => p.reserve),
    preBind: plugins.filter((p) => p.preBind),
  };
}

/** What findNodesThatFitPod leaves: the feasible nodes, or the diagnosis of why there are none. */
interface FitResult {
  feasible: NodeState[];
  diagnosis: Diagnosis;
  verdicts: NodeExplain[];
  /** Set when PreFilter decided for every node (the explain note). */
  note?: string;
}

export interface SchedulerOptions {
  /**
   * KubeSchedulerConfiguration.percentageOfNodesToScore: 0 (default) = adaptive, 100 = evaluate every node.
   * Only matters from 100 nodes up.
   */
  percentageOfNodesToScore?: number;
}

export class Scheduler {
  private readonly points: ExtensionPoints;
  /** The snapshot's node list (nodeTree order: zones interleaved); the sampled search walks it from nextStart. */
  private readonly order: NodeState[];
  private nextStartNodeIndex = 0;
  /** The last pod that found no node (see schedule). */
  private lastFailure: {
    eq: object;
    priority: number;
    ownerSelector: SchedPod['ownerSelector'];
    generation: number;
    advance: number;
    result: ScheduleResult;
  } | null = null;
  private readonly percentage: number;

  constructor(
    readonly cluster: ClusterState,
    readonly env: SchedulerEnv = { services: [] },
    readonly profile: Profile = DEFAULT_PROFILE,
    options: SchedulerOptions = {},
  ) {
    this.points = extensionPoints(profile);
    this.order = nodeTreeOrder(cluster.nodes, (n) => n.node.labels);
    this.percentage = options.percentageOfNodesToScore ?? 0;
  }

  /** Finds a node for the pod and (unless `bind: false`) binds it there. */
  schedule(pod: SchedPod, options: ScheduleOptions = {}): ScheduleResult {
    const explain = options.explain === true;
    const gate = this.runPreEnqueue(pod);
    if (gate) return { node: null, reason: gate.reasons.join(', ') };
    if (this.cluster.nodes.length === 0) return { node: null, reason: NO_NODES_AVAILABLE };
    // A replica identical to the last pod that found no node, on an unchanged cluster, finds none either: the
    // replicas of a Deployment that does not fit fail once, not once per replica. (The search still advances.)
    const eq = equivalenceClass(pod);
    const last = this.lastFailure;
    if (
      !explain &&
      options.nominatedNode === undefined &&
      eq !== undefined &&
      last !== null &&
      last.eq === eq &&
      last.priority === pod.priority &&
      last.ownerSelector === pod.ownerSelector &&
      last.generation === this.cluster.generation
    ) {
      this.nextStartNodeIndex = (this.nextStartNodeIndex + last.advance) % this.cluster.nodes.length;
      return last.result;
    }
    const generation = this.cluster.generation;
    const start = this.nextStartNodeIndex;
    const cycle = this.cycleFor(pod);
    const nominated = options.nominatedNode !== undefined ? this.cluster.node(options.nominatedNode) : undefined;
    const result =
      nominated && this.runFilterPlugins(pod, nominated) === null
        ? { node: nominated.name, ...(explain ? { explain: { nodes: [], note: 'the nominated node fits' } } : {}) }
        : this.schedulePod(cycle, explain);
    this.lastFailure = null;
    if (result.node === null && result.nominatedNode === undefined && eq !== undefined) {
      // Only a failure that changed nothing (no PostFilter eviction) can stand for the next replica.
      if (this.cluster.generation === generation)
        this.lastFailure = {
          eq,
          priority: pod.priority,
          ownerSelector: pod.ownerSelector,
          generation,
          advance: (this.nextStartNodeIndex - start + this.cluster.nodes.length) % this.cluster.nodes.length,
          result: explain
            ? {
                node: null,
                ...(result.reason ? { reason: result.reason } : {}),
                ...(result.diagnosis ? { diagnosis: result.diagnosis } : {}),
              }
            : result,
        };
    }
    if (result.node === null || options.bind === false) return result;
    const node = this.cluster.node(result.node);
    const failed = node ? this.reserveAndPreBind(cycle, node) : null;
    if (failed) return { node: null, reason: failed.reasons.join(', ') };
    this.cluster.add(pod, result.node);
    return result;
  }

  private cycleFor(pod: SchedPod): Cycle {
    const cycle = newCycle(pod, this.cluster, this.env);
    cycle.framework = this;
    return cycle;
  }

  /**
   * RunPreFilterPlugins + RunFilterPlugins for one node on the cluster as it is now (a fresh cycle, so the
   * PreFilter state sees pods removed or added since — what AddPod/RemovePod extensions keep current upstream).
   */
  runFilterPlugins(pod: SchedPod, node: NodeState): Status | null {
    const cycle = newCycle(pod, this.cluster, this.env);
    for (const plugin of this.points.preFilter) {
      const r = plugin.preFilter?.(cycle);
      if (!r) continue;
      if (isStatus(r)) return r;
      if (r.nodeNames && !r.nodeNames.has(node.name))
        return unresolvable(plugin.name, `node(s) didn't satisfy plugin(s) [${plugin.name}]`);
    }
    for (const plugin of this.points.filter) {
      const status = plugin.filter?.(cycle, node) ?? null;
      if (status) return status;
    }
    return null;
  }

  /** Removes a bound pod (deleted or replaced). */
  remove(pod: SchedPod): void {
    this.cluster.remove(pod);
  }

  private runPreEnqueue(pod: SchedPod): Status | null {
    for (const plugin of this.points.preEnqueue) {
      const status = plugin.preEnqueue?.(pod);
      if (status) return status;
    }
    return null;
  }

  /** schedulePod: filter, then (with two or more feasible nodes) score and pick. */
  private schedulePod(cycle: Cycle, explain: boolean): ScheduleResult {
    const fit = this.findNodesThatFitPod(cycle, explain);
    const { feasible, verdicts } = fit;
    const first = feasible[0];
    if (first === undefined) {
      const post = this.runPostFilter(cycle, fit.diagnosis);
      // FitError.Error(): the PostFilter message (preemption's) follows the filter histogram after a space.
      const message = fitErrorMessage(fit.diagnosis) + (post.message ? ` ${post.message}` : '');
      return {
        node: null,
        reason: message,
        diagnosis: fit.diagnosis,
        ...(post.result ? { nominatedNode: post.result.nominatedNodeName, victims: post.result.victims } : {}),
        ...(explain ? { explain: { nodes: verdicts, ...(fit.note ? { note: fit.note } : {}) } } : {}),
      };
    }
    if (feasible.length === 1)
      return {
        node: first.name,
        ...(explain ? { explain: { nodes: verdicts, note: 'only one feasible node: scoring skipped' } } : {}),
      };
    const { totals, detail } = this.prioritizeNodes(cycle, feasible, explain);
    // selectHost: the highest total wins; ties go to the smallest node name (index = position in name order).
    let best = 0;
    for (let i = 1; i < totals.length; i++) {
      const t = totals[i]!;
      const b = totals[best]!;
      if (t > b || (t === b && feasible[i]!.index < feasible[best]!.index)) best = i;
    }
    if (detail) {
      const byName = new Map(feasible.map((n, i) => [n.name, i]));
      for (const v of verdicts) {
        const i = byName.get(v.node);
        if (i === undefined) continue;
        v.scores = detail[i];
        v.total = totals[i];
      }
    }
    return {
      node: (feasible[best] ?? first).name,
      ...(explain ? { explain: { nodes: verdicts, ...(fit.note ? { note: fit.note } : {}) } } : {}),
    };
  }

  private findNodesThatFitPod(cycle: Cycle, explain: boolean): FitResult {
    const nodes = this.cluster.nodes;
    const diagnosis: Diagnosis = {
      numAllNodes: nodes.length,
      nodeToStatus: new Map(),
      unschedulablePlugins: new Set(),
    };
    const verdicts: NodeExplain[] = [];

    // RunPreFilterPlugins: a rejection ends the cycle; NodeNames results are intersected.
    let allowed: Set<string> | null = null;
    const narrowedBy: string[] = [];
    let skipped: Set<Plugin> | null = null;
    for (const plugin of this.points.preFilter) {
      const r = plugin.preFilter?.(cycle);
      if (!r) continue;
      if (isStatus(r)) {
        diagnosis.preFilterStatus = r;
        diagnosis.unschedulablePlugins.add(r.plugin);
        return { feasible: [], diagnosis, verdicts, note: `PreFilter ${plugin.name}: ${r.reasons.join(', ')}` };
      }
      if (r.skip) (skipped ??= new Set()).add(plugin);
      if (!r.nodeNames) continue;
      narrowedBy.push(plugin.name);
      const names: Set<string> = r.nodeNames;
      const previous: Set<string> | null = allowed;
      allowed =
        previous === null ? new Set<string>(names) : new Set<string>([...previous].filter((n: string) => names.has(n)));
      if (allowed.size === 0) {
        const only = narrowedBy.length === 1 ? narrowedBy[0] : undefined;
        const msg =
          only !== undefined
            ? `node(s) didn't satisfy plugin ${only}`
            : `node(s) didn't satisfy plugin(s) [${narrowedBy.join(' ')}] simultaneously`;
        diagnosis.preFilterStatus = unresolvable(narrowedBy.join(','), msg);
        for (const name of narrowedBy) diagnosis.unschedulablePlugins.add(name);
        return { feasible: [], diagnosis, verdicts };
      }
    }

    // findNodesThatPassFilters: the candidate nodes (those PreFilter left) in snapshot order, searched from
    // nextStartNodeIndex until numFeasibleNodesToFind pass; the first failing Filter plugin decides a node.
    const candidates = allowed === null ? this.order : this.order.filter((n) => allowed.has(n.name));
    if (allowed !== null) {
      const absent = unresolvable(
        narrowedBy.join(','),
        `node(s) didn't satisfy plugin(s) [${[...narrowedBy].sort().join(' ')}]`,
      );
      for (const node of nodes) if (!allowed.has(node.name)) this.reject(diagnosis, verdicts, explain, node, absent);
    }
    const filters = skipped ? this.points.filter.filter((p) => !skipped.has(p)) : this.points.filter;
    const toFind = numFeasibleNodesToFind(candidates.length, this.percentage);
    const feasible: NodeState[] = [];
    let processed = 0;
    for (let i = 0; i < candidates.length && feasible.length < toFind; i++) {
      const node = candidates[(this.nextStartNodeIndex + i) % candidates.length]!;
      processed++;
      let status: Status | null = null;
      for (const plugin of filters) {
        status = plugin.filter?.(cycle, node) ?? null;
        if (status) break;
      }
      if (status) this.reject(diagnosis, verdicts, explain, node, status);
      else {
        feasible.push(node);
        if (explain) verdicts.push({ node: node.name, failedPlugin: null, reasons: [] });
      }
    }
    // nextStartNodeIndex moves by the nodes this search processed, modulo all nodes (findNodesThatFitPod).
    this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % nodes.length;
    // Feasible nodes in name order (what plugins see in PreScore / NormalizeScore). The search visits them in
    // nodeTree order, so sort by index: a typed-array sort, no comparator call per pair.
    if (feasible.length > 1) {
      const idx = new Int32Array(feasible.length);
      for (let i = 0; i < feasible.length; i++) idx[i] = feasible[i]!.index;
      idx.sort();
      for (let i = 0; i < idx.length; i++) feasible[i] = nodes[idx[i]!]!;
    }
    if (explain) verdicts.sort((a, b) => (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
    const sampled = processed < candidates.length;
    const note = sampled
      ? `sampled: ${processed} of ${candidates.length} nodes filtered, stopping at ${toFind} feasible (numFeasibleNodesToFind)`
      : undefined;
    return { feasible, diagnosis, verdicts, ...(note ? { note } : {}) };
  }

  private reject(diagnosis: Diagnosis, verdicts: NodeExplain[], explain: boolean, node: NodeState, status: Status) {
    diagnosis.nodeToStatus.set(node.name, status);
    diagnosis.unschedulablePlugins.add(status.plugin);
    if (explain) verdicts.push({ node: node.name, failedPlugin: status.plugin, reasons: status.reasons });
  }

  /**
   * RunPostFilterPlugins (v1.36 pkg/scheduler/framework/runtime/framework.go): the first success wins (its
   * message is empty); an UnschedulableAndUnresolvable status ends it with that plugin's message alone; else the
   * Unschedulable reasons of every plugin are collected and joined with ", " (Status.Message).
   */
  private runPostFilter(cycle: Cycle, diagnosis: Diagnosis): { result?: PostFilterResult; message: string } {
    const reasons: string[] = [];
    for (const plugin of this.points.postFilter) {
      const r = plugin.postFilter?.(cycle, diagnosis);
      if (!r) continue;
      if (!isStatus(r)) return { result: r, message: '' };
      if (r.code === 'UnschedulableAndUnresolvable') return { message: r.reasons.join(', ') };
      reasons.push(...r.reasons);
    }
    return { message: reasons.join(', ') };
  }

  /** prioritizeNodes: Σ over score plugins of weight × normalised score, per feasible node. */
  private prioritizeNodes(
    cycle: Cycle,
    feasible: NodeState[],
    explain: boolean,
  ): { totals: number[]; detail: Array<NonNullable<NodeExplain['scores']>> | null } {
    // RunPreScorePlugins: a plugin returning false (Skip) adds nothing for this pod.
    const skipped = new Set<Plugin>();
    for (const plugin of this.points.preScore) if (plugin.preScore?.(cycle, feasible) === false) skipped.add(plugin);
    const n = feasible.length;
    const totals = new Array<number>(n).fill(0);
    const detail = explain ? feasible.map(() => ({}) as NonNullable<NodeExplain['scores']>) : null;
    const scores = new Array<number>(n);
    for (const { plugin, weight } of this.points.score) {
      const active = !skipped.has(plugin);
      if (!active && !detail) continue; // a skipped plugin adds 0
      if (active) for (let i = 0; i < n; i++) scores[i] = plugin.score!(cycle, feasible[i]!);
      else scores.fill(0);
      const raw = detail ? scores.slice() : null;
      if (active) plugin.normalizeScore?.(cycle, scores, feasible);
      for (let i = 0; i < n; i++) {
        const weighted = (scores[i] ?? 0) * weight;
        totals[i] = totals[i]! + weighted;
        const d = detail?.[i];
        if (d) d[plugin.name] = { raw: raw![i] ?? 0, normalized: scores[i] ?? 0, weighted };
      }
    }
    return { totals, detail };
  }

  /**
   * Reserve, then PreBind, in profile order. On a failure every Reserve plugin's Unreserve runs, in reverse
   * order (framework.RunReservePluginsUnreserve), whether or not its Reserve ran.
   */
  private reserveAndPreBind(cycle: Cycle, node: NodeState): Status | null {
    let failed: Status | null = null;
    for (const plugin of this.points.reserve) {
      failed = plugin.reserve?.(cycle, node) ?? null;
      if (failed) break;
    }
    if (!failed) {
      for (const plugin of this.points.preBind) {
        failed = plugin.preBind?.(cycle, node) ?? null;
        if (failed) break;
      }
    }
    if (failed) for (const plugin of [...this.points.reserve].reverse()) plugin.unreserve?.(cycle, node);
    return failed;
  }
}
