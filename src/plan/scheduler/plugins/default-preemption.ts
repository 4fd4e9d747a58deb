/**
 * DefaultPreemption, the PostFilter that makes room for a pod no node fits by evicting lower-priority pods
 * (kubernetes v1.36 pkg/scheduler/framework/plugins/defaultpreemption/default_preemption.go and
 * pkg/scheduler/framework/preemption/preemption.go, Evaluator.Preempt):
 *   1. PodEligibleToPreemptOthers: `preemptionPolicy: Never` → "not eligible due to preemptionPolicy=Never."
 *   2. findCandidates: nodesWherePreemptionMightHelp skips nodes whose filter status is UnschedulableAndUnresolvable
 *      ("Preemption is not helpful for scheduling"); DryRunPreemption runs SelectVictimsOnNode on the others,
 *      stopping once it has numCandidates candidates of which one violates no PDB.
 *   3. SelectCandidate → pickOneNodeForPreemption's ordered criteria.
 * No candidate: the status is "preemption: " + a FitError over every node (FailedScheduling's second sentence).
 *
 * kubeplan differs where upstream is random or timed: the dry run starts at the first node in name order (upstream
 * a random offset), the last tie goes to the smallest node name (upstream map order), victims are deleted at once
 * (upstream: graceful termination while the pod waits on its nominated node).
 */
import {
  unresolvable,
  unschedulable,
  type Cycle,
  type Diagnosis,
  type DisruptionBudget,
  type FrameworkHandle,
  type Plugin,
  type PostFilterResult,
  type Status,
} from '../framework.js';
import { fitErrorMessage } from '../message.js';
import type { ClusterState, NodeState } from '../state.js';
import type { SchedPod } from '../types.js';

export const NAME = 'DefaultPreemption';
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const NOT_ELIGIBLE_NEVER = 'not eligible due to preemptionPolicy=Never.';
/** DefaultPreemptionArgs defaults (apis/config/v1/defaults.go). */
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;
/** math.MaxInt32 + 1: added to each priority in minSumPrioritiesScoreFunc so negative priorities sum sensibly. */
const PRIORITY_OFFSET = 2147483648;

/** One node where preemption would work: the victims (most important first) and how many violate a PDB. */
export interface Candidate {
  node: NodeState;
  victims: SchedPod[];
  numPDBViolations: number;
}

/** util.GetPodStartTime: a pod that has not started counts as starting now, later than any real start. */
function startTime(p: SchedPod): number {
  return p.startTime ?? Number.POSITIVE_INFINITY;
}

/**
 * util.MoreImportantPod: higher priority first, then the earlier start. Go's sort.Slice is not stable; kubeplan
 * breaks the remaining ties by namespace/name so the plan is deterministic.
 */
export function moreImportantFirst(a: SchedPod, b: SchedPod): number {
  if (a.priority !== b.priority) return b.priority - a.priority;
  const sa = startTime(a);
  const sb = startTime(b);
  if (sa !== sb) return sa < sb ? -1 : 1;
  const ka = `${a.namespace}/${a.name}`;
  const kb = `${b.namespace}/${b.name}`;
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** calculateNumCandidates: 10% of the nodes, at least 100, at most all. */
export function numCandidates(numNodes: number): number {
  const n = Math.max(Math.floor((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100), MIN_CANDIDATE_NODES_ABSOLUTE);
  return Math.min(n, numNodes);
}

function budgetSelects(pdb: DisruptionBudget, pod: SchedPod): boolean {
  return (
    pdb.namespace === pod.namespace &&
    // A nil or empty selector (`{}`) matches nothing here (selector.Empty()).
    pdb.selector !== null &&
    pdb.selector.type === 'requirements' &&
    Object.keys(pod.labels).length > 0 &&
    pdb.selector.matches(pod.labels)
  );
}

/**
 * filterPodsWithPDBViolation: walking the pods in order, each matching PDB's allowance is decremented; a pod that
 * takes some PDB below zero would violate it. Stable: both lists keep the input order.
 */
export function filterPodsWithPDBViolation(
  pods: SchedPod[],
  pdbs: readonly DisruptionBudget[],
  cluster: ClusterState,
): { violating: SchedPod[]; nonViolating: SchedPod[] } {
  const allowed = pdbs.map((p) => p.disruptionsAllowed(cluster));
  const violating: SchedPod[] = [];
  const nonViolating: SchedPod[] = [];
  for (const pod of pods) {
    let violated = false;
    pdbs.forEach((pdb, i) => {
      if (!budgetSelects(pdb, pod)) return;
      allowed[i] = (allowed[i] ?? 0) - 1;
      if ((allowed[i] ?? 0) < 0) violated = true;
    });
    (violated ? violating : nonViolating).push(pod);
  }
  return { violating, nonViolating };
}

/**
 * SelectVictimsOnNode: remove every lower-priority pod; if the pod still does not fit, the node cannot help (the
 * filter's own status). Otherwise re-add ("reprieve") the removed pods, most important first — PDB-violating ones
 * before the others — keeping each that still lets the pod fit; the rest are the victims. The cluster is left
 * exactly as it was.
 */
export function selectVictimsOnNode(
  fh: FrameworkHandle,
  pod: SchedPod,
  cluster: ClusterState,
  node: NodeState,
  pdbs: readonly DisruptionBudget[],
): Candidate | Status {
  const potential = [...node.pods].filter((p) => p.priority < pod.priority);
  if (potential.length === 0) return unresolvable(NAME, NO_VICTIMS);
  // PDB allowances are read before any pod is removed (upstream lists them before the dry run).
  potential.sort(moreImportantFirst);
  const { violating, nonViolating } = filterPodsWithPDBViolation(potential, pdbs, cluster);
  for (const p of potential) cluster.remove(p);
  const victims: SchedPod[] = [];
  let numPDBViolations = 0;
  try {
    const status = fh.runFilterPlugins(pod, node);
    if (status) return status;
    const reprieve = (p: SchedPod): boolean => {
      cluster.add(p, node.name);
      if (fh.runFilterPlugins(pod, node) === null) return true;
      cluster.remove(p);
      victims.push(p);
      return false;
    };
    for (const p of violating) if (!reprieve(p)) numPDBViolations++;
    for (const p of nonViolating) reprieve(p);
  } finally {
    // Restore the node: put back whatever is still removed (the victims, or everything on failure).
    for (const p of potential) if (cluster.nodeOf(p) === undefined) cluster.add(p, node.name);
  }
  if (violating.length > 0 && nonViolating.length > 0) victims.sort(moreImportantFirst);
  return { node, victims, numPDBViolations };
}

/** GetEarliestPodStartTime: the earliest start among the highest-priority victims. */
function earliestStartOfTopVictims(victims: SchedPod[]): number {
  let top = -Infinity;
  let earliest = Number.POSITIVE_INFINITY;
  for (const v of victims) {
    if (v.priority > top) {
      top = v.priority;
      earliest = startTime(v);
    } else if (v.priority === top && startTime(v) < earliest) earliest = startTime(v);
  }
  return earliest;
}

/**
 * pickOneNodeForPreemption: each criterion keeps the best-scoring nodes, the next one breaks their tie —
 * fewest PDB violations, lowest highest-victim priority, smallest sum of (priority + 2^31), fewest victims,
 * latest start of the highest-priority victims; then the first node (kubeplan: smallest name).
 */
export function pickOneNodeForPreemption(candidates: Candidate[]): Candidate | undefined {
  const scoreFuncs: Array<(c: Candidate) => number> = [
    (c) => -c.numPDBViolations,
    (c) => -(c.victims[0]?.priority ?? 0),
    (c) => -c.victims.reduce((sum, v) => sum + v.priority + PRIORITY_OFFSET, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfTopVictims(c.victims),
  ];
  let remaining = [...candidates].sort((a, b) => (a.node.name < b.node.name ? -1 : a.node.name > b.node.name ? 1 : 0));
  for (const f of scoreFuncs) {
    if (remaining.length <= 1) break;
    let max = -Infinity;
    let best: Candidate[] = [];
    for (const c of remaining) {
      const s = f(c);
      if (s > max) {
        max = s;
        best = [c];
      } else if (s === max) best.push(c);
    }
    remaining = best;
  }
  return remaining[0];
}

/** The FitError preemption reports when no node can be made to fit: every node with its dry-run status. */
function noCandidates(cycle: Cycle, statuses: Map<string, Status>): Status {
  const diagnosis: Diagnosis = {
    numAllNodes: cycle.cluster.nodes.length,
    nodeToStatus: new Map(),
    unschedulablePlugins: new Set(),
  };
  // SetAbsentNodesStatus: nodes the dry run did not reach are "not helpful".
  for (const node of cycle.cluster.nodes)
    diagnosis.nodeToStatus.set(node.name, statuses.get(node.name) ?? unresolvable(NAME, NOT_HELPFUL));
  return unschedulable(NAME, `preemption: ${fitErrorMessage(diagnosis)}`);
}

export const DefaultPreemption: Plugin = {
  name: NAME,
  postFilter(cycle, diagnosis): PostFilterResult | Status | null {
    const { pod, cluster } = cycle;
    const fh = cycle.framework;
    if (!fh) return null;
    if (pod.preemptionPolicy === 'Never') return unschedulable(NAME, `preemption: ${NOT_ELIGIBLE_NEVER}`);
    const statuses = new Map<string, Status>();
    const potential: NodeState[] = [];
    for (const node of cluster.nodes) {
      const status = diagnosis.nodeToStatus.get(node.name) ?? diagnosis.preFilterStatus;
      if (status?.code === 'UnschedulableAndUnresolvable') statuses.set(node.name, unresolvable(NAME, NOT_HELPFUL));
      else potential.push(node);
    }
    if (potential.length === 0) return noCandidates(cycle, statuses);
    const pdbs = cycle.env.pdbs ?? [];
    const wanted = numCandidates(potential.length);
    const candidates: Candidate[] = [];
    let nonViolating = 0;
    for (const node of potential) {
      const r = selectVictimsOnNode(fh, pod, cluster, node, pdbs);
      if ('code' in r) {
        statuses.set(node.name, r);
        continue;
      }
      candidates.push(r);
      if (r.numPDBViolations === 0) nonViolating++;
      if (nonViolating > 0 && candidates.length >= wanted) break;
    }
    const best = pickOneNodeForPreemption(candidates);
    if (!best) return noCandidates(cycle, statuses);
    return { nominatedNodeName: best.node.name, victims: best.victims };
  },
};
