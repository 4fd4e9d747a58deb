/**
 * The scheduling framework's plugin contract, reduced to what an offline planner needs
 * (kubernetes v1.30 pkg/scheduler/framework/interface.go, cycle_state.go). A plugin is ONE object implementing
 * the extension points it has upstream; the profile (profile.ts) lists the plugins in order with their score
 * weights, and the Scheduler (scheduler.ts) runs them the way schedule_one.go does.
 *
 * A Status (framework.Status) names the plugin that produced it and carries the reasons kube-scheduler prints,
 * plus structured data (e.g. the resources NodeResourcesFit found short) so nothing is parsed back out of text.
 * `null` stands for Success.
 */
import type { Labels, Selector } from '../../k8s/label-selector.js';
import type { ClusterState, NodeState } from './state.js';
import type { SchedPod } from './types.js';
import type { VolumeState } from './volume-state.js';

export const MAX_NODE_SCORE = 100;

export interface SchedulerEnv {
  /** Services in the inputs: their selectors feed the default topology spreading (helper.DefaultSelector). */
  services: Array<{ namespace: string; selector: Selector }>;
  /** Claims, volumes and classes for VolumeBinding / VolumeZone; absent → those plugins do nothing. */
  volumes?: VolumeState;
  /** The Kubernetes minor whose scheduler behaviour is modelled (--kube-version); default DEFAULT_KUBE_VERSION. */
  kubeVersion?: string;
  /** PodDisruptionBudgets, for preemption's filterPodsWithPDBViolation. */
  pdbs?: readonly DisruptionBudget[];
}

/** A PodDisruptionBudget as preemption and evictions read it: whom it selects and how many it lets go now. */
export interface DisruptionBudget {
  namespace: string;
  name: string;
  /** spec.selector; null (or empty) selects nothing, as upstream. */
  selector: Selector | null;
  /** status.disruptionsAllowed as the disruption controller would compute it for the current cluster. */
  disruptionsAllowed(cluster: ClusterState): number;
}

/**
 * What a plugin may ask of the framework (framework.Handle): run the profile's PreFilter + Filter plugins for a
 * pod on one node of the cluster as it is now (RunFilterPluginsWithNominatedPods after Add/RemovePod).
 */
export interface FrameworkHandle {
  runFilterPlugins(pod: SchedPod, node: NodeState): Status | null;
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

/**
 * framework.Code, the failing ones: Unschedulable may be fixed by preemption (removing pods), while
 * UnschedulableAndUnresolvable cannot (a taint, a label); DefaultPreemption skips nodes with the latter.
 */
export type StatusCode = 'Unschedulable' | 'UnschedulableAndUnresolvable';

/** framework.InsufficientResource (noderesources/fit.go): one resource the node is short of. */
export interface InsufficientResource {
  /** The resource name; `pods` for the pod-count limit. */
  resourceName: string;
  /** The reason printed: "Insufficient cpu" or "Too many pods". */
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

/** A failing framework.Status. */
export interface Status {
  code: StatusCode;
  /** The plugin that produced it (framework.Status.Plugin); a PreFilter narrowing may name several, comma-joined. */
  plugin: string;
  /** What kube-scheduler counts in "0/N nodes are available: …". */
  reasons: string[];
  /** NodeResourcesFit only: the resources that do not fit, in fitsRequest order. */
  insufficient?: InsufficientResource[];
}

export function unschedulable(plugin: string, ...reasons: string[]): Status {
  return { code: 'Unschedulable', plugin, reasons };
}

export function unresolvable(plugin: string, ...reasons: string[]): Status {
  return { code: 'UnschedulableAndUnresolvable', plugin, reasons };
}

/** A typed key into CycleState; the string is the key (plugins prefix it with their name). */
export type StateKey<T> = string & { readonly __state?: T };

export function stateKey<T>(name: string): StateKey<T> {
  return name as StateKey<T>;
}

/** framework.CycleState: per-pod scratch space written by PreFilter / PreScore and read by Filter / Score. */
export class CycleState {
  private readonly data = new Map<string, unknown>();

  read<T>(key: StateKey<T>): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write<T>(key: StateKey<T>, value: T): void {
    this.data.set(key, value);
  }
}

/** One scheduling attempt of one pod. */
export interface Cycle {
  pod: SchedPod;
  cluster: ClusterState;
  env: SchedulerEnv;
  state: CycleState;
  /** Memo: does the node satisfy the pod's nodeSelector + required node affinity? */
  nodeAffinityCache: Map<NodeState, boolean>;
  /** The pod has neither nodeSelector nor required node affinity (every node matches). */
  anyNode?: boolean;
  /** Set by the Scheduler: lets PostFilter plugins re-run the filters (preemption's dry run). */
  framework?: FrameworkHandle;
}

export function newCycle(pod: SchedPod, cluster: ClusterState, env: SchedulerEnv): Cycle {
  return { pod, cluster, env, state: new CycleState(), nodeAffinityCache: new Map() };
}

export interface PreFilterResult {
  /** Only these nodes can fit (framework.PreFilterResult.NodeNames). */
  nodeNames?: Set<string>;
  /** framework.Skip: the plugin's Filter would pass every node for this pod, so it is not run. */
  skip?: boolean;
}

/** framework.Diagnosis: why no node fits, handed to PostFilter and turned into the FitError message. */
export interface Diagnosis {
  numAllNodes: number;
  /** Node name → the status of the filter that rejected it (every node, in name order). */
  nodeToStatus: Map<string, Status>;
  /** Set when PreFilter rejected the pod before any node was filtered. */
  preFilterStatus?: Status;
  /** Plugins that rejected the pod or some node. */
  unschedulablePlugins: Set<string>;
}

/** framework.PostFilterResult: a node nominated after making room (preemption), and the pods to evict for it. */
export interface PostFilterResult {
  nominatedNodeName: string;
  victims: SchedPod[];
}

/**
 * The extension points (framework.*Plugin). A plugin implements the ones it has upstream; the Scheduler calls
 * each in profile order. Score plugins get their weight from the profile.
 */
export interface Plugin {
  readonly name: string;
  /** PreEnqueuePlugin: a failing status keeps the pod out of the scheduling queue (scheduling gates). */
  preEnqueue?(pod: SchedPod): Status | null;
  /** PreFilterPlugin: compute per-pod state once; may narrow the nodes or reject the pod outright. */
  preFilter?(cycle: Cycle): PreFilterResult | Status | null;
  /** FilterPlugin: why the node cannot take the pod, or null when it can. */
  filter?(cycle: Cycle, node: NodeState): Status | null;
  /**
   * PostFilterPlugin: runs when no node fits; may free room (preemption) and nominate a node. A Status says why it
   * could not (its reasons end up in the FailedScheduling message); null = nothing to say.
   */
  postFilter?(cycle: Cycle, diagnosis: Diagnosis): PostFilterResult | Status | null;
  /** PreScorePlugin: false = Skip (the plugin's Score is not run for this pod, it adds 0). */
  preScore?(cycle: Cycle, feasible: NodeState[]): boolean;
  /** ScorePlugin: the raw score of one feasible node. */
  score?(cycle: Cycle, node: NodeState): number;
  /** ScoreExtensions.NormalizeScore: rewrite raw scores in place to 0..MAX_NODE_SCORE. */
  normalizeScore?(cycle: Cycle, scores: number[], nodes: NodeState[]): void;
  /** ReservePlugin: claim what the pod needs on the chosen node (e.g. volumes); a failure unreserves. */
  reserve?(cycle: Cycle, node: NodeState): Status | null;
  unreserve?(cycle: Cycle, node: NodeState): void;
  /** PreBindPlugin: last step before binding (e.g. provisioning volumes). */
  preBind?(cycle: Cycle, node: NodeState): Status | null;
}

export function isStatus(r: PreFilterResult | PostFilterResult | Status): r is Status {
  return 'code' in r;
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
    let s = Math.floor((MAX_NODE_SCORE * (scores[i] ?? 0)) / max);
    if (reverse) s = MAX_NODE_SCORE - s;
    scores[i] = s;
  }
}

export function hasLabel(labels: Labels, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(labels, key);
}
