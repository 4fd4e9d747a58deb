/**
 * kube-scheduler's default profile over a ClusterState, one pod at a time (pkg/scheduler/schedule_one.go):
 * PreFilter → Filter on every node → (one feasible node: take it) → PreScore → Score → NormalizeScore → weights
 * → the highest total. Kubernetes breaks ties between top nodes at random (reservoir sampling); kubeplan takes
 * the smallest node name. Every node is evaluated (Kubernetes samples only a share of nodes above 100).
 */
import { InterPodAffinityFilter } from './filters/inter-pod-affinity.js';
import { NodeAffinityFilter } from './filters/node-affinity.js';
import { NodeName } from './filters/node-name.js';
import { NodePorts } from './filters/node-ports.js';
import { NodeResourcesFitFilter } from './filters/node-resources-fit.js';
import { NodeUnschedulable } from './filters/node-unschedulable.js';
import { PodTopologySpreadFilter } from './filters/pod-topology-spread.js';
import { TaintTolerationFilter } from './filters/taint-toleration.js';
import type { Cycle, FilterPlugin, SchedulerEnv, ScorePlugin } from './framework.js';
import { fitErrorMessage, NO_NODES_AVAILABLE } from './message.js';
import { BalancedAllocationScore } from './scores/balanced-allocation.js';
import { ImageLocalityScore } from './scores/image-locality.js';
import { InterPodAffinityScore } from './scores/inter-pod-affinity.js';
import { NodeAffinityScore } from './scores/node-affinity.js';
import { NodeResourcesFitScore } from './scores/node-resources-fit.js';
import { PodTopologySpreadScore } from './scores/pod-topology-spread.js';
import { TaintTolerationScore } from './scores/taint-toleration.js';
import type { ClusterState, NodeState } from './state.js';
import type { NodeExplain, SchedPod, ScheduleResult } from './types.js';

/** Filter plugins in the default profile's order (default_plugins.go); a node stops at the first that rejects it. */
export const DEFAULT_FILTERS: readonly FilterPlugin[] = [
  NodeUnschedulable,
  NodeName,
  TaintTolerationFilter,
  NodeAffinityFilter,
  NodePorts,
  NodeResourcesFitFilter,
  PodTopologySpreadFilter,
  InterPodAffinityFilter,
];

/** Score plugins with their default weights. */
export const DEFAULT_SCORES: readonly ScorePlugin[] = [
  TaintTolerationScore,
  NodeAffinityScore,
  NodeResourcesFitScore,
  PodTopologySpreadScore,
  InterPodAffinityScore,
  BalancedAllocationScore,
  ImageLocalityScore,
];

export interface ScheduleOptions {
  /** Collect per-node filter verdicts and per-plugin scores. */
  explain?: boolean;
  /** Bind the pod to the chosen node (default true); false only evaluates. */
  bind?: boolean;
}

export class Scheduler {
  constructor(
    readonly cluster: ClusterState,
    readonly env: SchedulerEnv = { services: [] },
    private readonly filters: readonly FilterPlugin[] = DEFAULT_FILTERS,
    private readonly scores: readonly ScorePlugin[] = DEFAULT_SCORES,
  ) {}

  /** Finds a node for the pod and (unless `bind: false`) binds it there. */
  schedule(pod: SchedPod, options: ScheduleOptions = {}): ScheduleResult {
    const result = this.evaluate(pod, options.explain === true);
    if (result.node !== null && options.bind !== false) this.cluster.add(pod, result.node);
    return result;
  }

  /** Removes a bound pod (deleted or replaced). */
  remove(pod: SchedPod): void {
    this.cluster.remove(pod);
  }

  private evaluate(pod: SchedPod, explain: boolean): ScheduleResult {
    const nodes = this.cluster.nodes;
    if (pod.schedulingGates.length > 0) {
      return { node: null, reason: `waiting for scheduling gates: ${pod.schedulingGates.join(', ')}` };
    }
    if (nodes.length === 0) return { node: null, reason: NO_NODES_AVAILABLE };
    const cycle: Cycle = { pod, cluster: this.cluster, env: this.env, state: new Map(), nodeAffinityCache: new Map() };

    let allowed: Set<string> | null = null;
    const narrowedBy: string[] = [];
    for (const plugin of this.filters) {
      const r = plugin.preFilter?.(cycle);
      if (!r) continue;
      if (r.reject)
        return {
          node: null,
          reason: fitErrorMessage(nodes.length, [], r.reject),
          ...(explain ? { explain: { nodes: [], note: `PreFilter ${plugin.name}: ${r.reject}` } } : {}),
        };
      if (r.nodeNames) {
        narrowedBy.push(plugin.name);
        const names: Set<string> = r.nodeNames;
        const previous: Set<string> | null = allowed;
        allowed =
          previous === null
            ? new Set<string>(names)
            : new Set<string>([...previous].filter((n: string) => names.has(n)));
        if (allowed.size === 0) {
          const msg =
            narrowedBy.length === 1
              ? `node(s) didn't satisfy plugin ${narrowedBy[0]}`
              : `node(s) didn't satisfy plugin(s) [${narrowedBy.join(' ')}] simultaneously`;
          return { node: null, reason: fitErrorMessage(nodes.length, [], msg) };
        }
      }
    }

    const verdicts: NodeExplain[] = [];
    const rejected = new Map<NodeState, string[]>();
    const feasible: NodeState[] = [];
    for (const node of nodes) {
      let failed: string | null = null;
      let reasons: string[] | null = null;
      if (allowed !== null && !allowed.has(node.name)) {
        failed = narrowedBy.join(',');
        reasons = [`node(s) didn't satisfy plugin(s) [${[...narrowedBy].sort().join(' ')}]`];
      } else {
        for (const plugin of this.filters) {
          reasons = plugin.filter(cycle, node);
          if (reasons) {
            failed = plugin.name;
            break;
          }
        }
      }
      if (reasons && failed) rejected.set(node, reasons);
      else feasible.push(node);
      if (explain) verdicts.push({ node: node.name, failedPlugin: failed, reasons: reasons ?? [] });
    }

    if (feasible.length === 0) {
      return {
        node: null,
        reason: fitErrorMessage(nodes.length, rejected.values()),
        ...(explain ? { explain: { nodes: verdicts } } : {}),
      };
    }
    if (feasible.length === 1) {
      return {
        node: feasible[0].name,
        ...(explain ? { explain: { nodes: verdicts, note: 'only one feasible node: scoring skipped' } } : {}),
      };
    }

    const totals = new Array<number>(feasible.length).fill(0);
    const detail = explain ? feasible.map(() => ({}) as NonNullable<NodeExplain['scores']>) : null;
    for (const plugin of this.scores) {
      const active = plugin.preScore ? plugin.preScore(cycle, feasible) : true;
      const raw = active ? feasible.map((n) => plugin.score(cycle, n)) : feasible.map(() => 0);
      const normalized = raw.slice();
      if (active && plugin.normalize) plugin.normalize(cycle, normalized, feasible);
      for (let i = 0; i < feasible.length; i++) {
        const weighted = normalized[i] * plugin.weight;
        totals[i] += weighted;
        if (detail) detail[i][plugin.name] = { raw: raw[i], normalized: normalized[i], weighted };
      }
    }
    // Highest total wins; ties go to the smallest node name (feasible is in name order, so the first maximum).
    let best = 0;
    for (let i = 1; i < feasible.length; i++) if (totals[i] > totals[best]) best = i;
    if (explain && detail) {
      const byName = new Map(feasible.map((n, i) => [n.name, i]));
      for (const v of verdicts) {
        const i = byName.get(v.node);
        if (i !== undefined) {
          v.scores = detail[i];
          v.total = totals[i];
        }
      }
    }
    return { node: feasible[best].name, ...(explain ? { explain: { nodes: verdicts } } : {}) };
  }
}
