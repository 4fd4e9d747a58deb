/**
 * The scheduling framework's plugin contract, reduced to what an offline planner needs
 * (pkg/scheduler/framework/interface.go): PreFilter may narrow the node set or reject the pod,
 * Filter returns the reasons a node is rejected (null = fits), PreScore may skip a plugin,
 * Score gives a raw score and NormalizeScore maps raw scores to 0..100.
 */
import type { Labels, Selector } from '../../k8s/label-selector.js';
import type { ClusterState, NodeState } from './state.js';
import type { SchedPod } from './types.js';

export const MAX_NODE_SCORE = 100;

export interface SchedulerEnv {
  /** Services in the inputs: their selectors feed the default topology spreading (helper.DefaultSelector). */
  services: Array<{ namespace: string; selector: Selector }>;
}

const servicesByNamespace = new WeakMap<SchedulerEnv, Map<string, Selector[]>>();

/** The env's Service selectors for one namespace (indexed once per env). */
export function serviceSelectors(env: SchedulerEnv, namespace: string): Selector[] {
  let index = servicesByNamespace.get(env);
  if (!index) {
    index = new Map();
    for (const s of env.services) {
      let list = index.get(s.namespace);
      if (!list) index.set(s.namespace, (list = []));
      list.push(s.selector);
    }
    servicesByNamespace.set(env, index);
  }
  return index.get(namespace) ?? [];
}

/** One scheduling attempt of one pod (framework.CycleState). */
export interface Cycle {
  pod: SchedPod;
  cluster: ClusterState;
  env: SchedulerEnv;
  /** Per-plugin state written by PreFilter / PreScore. */
  state: Map<string, unknown>;
  /** Memo: does the node satisfy the pod's nodeSelector + required node affinity? */
  nodeAffinityCache: Map<NodeState, boolean>;
  /** The pod has neither nodeSelector nor required node affinity (every node matches). */
  anyNode?: boolean;
}

export interface PreFilterResult {
  /** Only these nodes can fit (framework.PreFilterResult.NodeNames). */
  nodeNames?: Set<string>;
  /** The pod cannot be scheduled at all; the FitError carries this message. */
  reject?: string;
}

export interface FilterPlugin {
  readonly name: string;
  preFilter?(cycle: Cycle): PreFilterResult | void;
  /** Reasons the node cannot take the pod (framework.Status reasons), or null when it can. */
  filter(cycle: Cycle, node: NodeState): string[] | null;
}

export interface ScorePlugin {
  readonly name: string;
  readonly weight: number;
  /** false = Skip (the plugin adds nothing for this pod). */
  preScore?(cycle: Cycle, feasible: NodeState[]): boolean;
  score(cycle: Cycle, node: NodeState): number;
  /** Rewrites raw scores in place to 0..MAX_NODE_SCORE. */
  normalize?(cycle: Cycle, scores: number[], nodes: NodeState[]): void;
}

/** helper.DefaultNormalizeScore: scale to max 100 (integer division); reverse flips; all-zero stays 0 (or 100 reversed). */
export function defaultNormalizeScore(scores: number[], reverse: boolean): void {
  let max = 0;
  for (const s of scores) if (s > max) max = s;
  if (max === 0) {
    if (reverse) scores.fill(MAX_NODE_SCORE);
    return;
  }
  for (let i = 0; i < scores.length; i++) {
    let s = Math.floor((MAX_NODE_SCORE * scores[i]) / max);
    if (reverse) s = MAX_NODE_SCORE - s;
    scores[i] = s;
  }
}

export function hasLabel(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}
