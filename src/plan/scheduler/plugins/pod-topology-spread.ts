/**
 * PodTopologySpread (kubernetes v1.30 pkg/scheduler/framework/plugins/podtopologyspread/filtering.go, scoring.go).
 *
 * Filter, DoNotSchedule constraints only: skew = matching pods in the node's domain + (1 if the pod matches its
 * own selector) − the global minimum over eligible domains; the node is rejected when skew > maxSkew, or when it
 * lacks the topology key.
 *
 * Score, ScheduleAnyway constraints or — when the pod has none — the system defaults (hostname maxSkew 3, zone
 * maxSkew 5) over DefaultSelector:
 *   raw(node) = round( Σ_c count_c(node's domain) × ln(domains_c + 2) + (maxSkew_c − 1) )
 *   normalised = 100 × (max + min − raw) / max   (integer; 100 for all when max is 0; ignored nodes 0)
 * Nodes missing a topology key are ignored unless the constraints are the system defaults.
 */
import { MAX_NODE_SCORE, stateKey, unresolvable, unschedulable, type Cycle, type Plugin } from '../framework.js';
import type { PodCounts, Topology } from '../pod-counts.js';
import { constraintsFor, LABEL_HOSTNAME, nodeIncluded } from '../spreading.js';
import type { SpreadConstraint } from '../types.js';

export const NAME = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_MISSING_LABEL = `${ERR_REASON_CONSTRAINTS} (missing required label)`;

/**
 * Domains and counts are arrays indexed by topology domain (ClusterState.topology) and node index, read from the
 * cluster's incremental PodCounts: the numbers calPreFilterState / initPreScoreState compute by walking nodes,
 * without the walk when every node qualifies (no node affinity to honour, no taints to honour, every node
 * labelled), which is the common case.
 */

/** One constraint with its per-domain counts (PreFilter). */
interface FilterConstraint {
  constraint: SpreadConstraint;
  topology: Topology;
  /** Matching pods per domain, over the nodes eligible for the constraint. */
  matchNum: Int32Array;
  /** The global minimum used in the skew (0 when fewer domains than minDomains). */
  minMatch: number;
  /** 1 when the incoming pod matches the constraint's selector (it would count itself). */
  self: number;
}

interface ScoreConstraint {
  constraint: SpreadConstraint;
  topology: Topology;
  hostname: boolean;
  /** Matching pods per node (countPodsMatchSelector); null when the constraint selects nothing. */
  byNode: Int32Array | null;
  /** Non-hostname constraints: matching pods per domain over eligible nodes; 0 for domains without a feasible node. */
  pairCounts: Float64Array;
  /** ln(domains + 2). */
  weight: number;
}

interface ScoreState {
  constraints: ScoreConstraint[];
  /** By node index: the node lacks a required topology key (scores 0, left out of normalising); null = none. */
  ignored: Uint8Array | null;
}

const PRE_FILTER = stateKey<FilterConstraint[]>(`PreFilter${NAME}`);
const PRE_SCORE = stateKey<ScoreState>(`PreScore${NAME}`);

/** Is every node eligible for `c` whatever its labels (matchNodeInclusionPolicies trivially true)? */
function everyNodeIncluded(cycle: Cycle, c: SpreadConstraint): boolean {
  const pod = cycle.pod;
  const anyNode = pod.requiredNodeAffinity === null && Object.keys(pod.nodeSelector).length === 0;
  return (!c.honorNodeAffinity || anyNode) && (!c.honorNodeTaints || !cycle.cluster.anyDoNotScheduleTaint);
}

function countsOf(cycle: Cycle, c: SpreadConstraint): PodCounts | null {
  return c.selector ? cycle.cluster.podCounts(cycle.pod.namespace, c.selector) : null;
}

/** Does the node (by index) carry every topology key? */
function hasAllKeys(topologies: readonly Topology[], index: number): boolean {
  for (const t of topologies) if (t.domainOf[index]! < 0) return false;
  return true;
}

export const PodTopologySpread: Plugin = {
  name: NAME,
  preFilter(cycle) {
    const { constraints } = constraintsFor(cycle, 'DoNotSchedule');
    const { cluster, pod } = cycle;
    const topologies = constraints.map((c) => cluster.topology(c.topologyKey));
    const everyNodeHasKeys = topologies.every((t) => t.everyNode);
    const state: FilterConstraint[] = constraints.map((constraint, i) => {
      const topology = topologies[i]!;
      const counts = countsOf(cycle, constraint);
      const domains = topology.values.length;
      let matchNum: Int32Array;
      let eligible: Uint8Array | null = null;
      if (everyNodeHasKeys && everyNodeIncluded(cycle, constraint)) {
        matchNum = counts ? counts.byDomain(topology).slice() : new Int32Array(domains);
      } else {
        // Only nodes carrying every constraint's key and passing the inclusion policies count.
        matchNum = new Int32Array(domains);
        eligible = new Uint8Array(domains);
        for (const node of cluster.nodes) {
          if (!hasAllKeys(topologies, node.index) || !nodeIncluded(cycle, constraint, node)) continue;
          const d = topology.domainOf[node.index]!;
          eligible[d] = 1;
          if (counts) matchNum[d] = matchNum[d]! + counts.byNode[node.index]!;
        }
      }
      let eligibleDomains = domains;
      if (eligible) eligibleDomains = eligible.reduce((n, e) => n + e, 0);
      let minMatch = 0;
      if (eligibleDomains >= constraint.minDomains) {
        minMatch = Number.MAX_SAFE_INTEGER; // criticalPaths start at MaxInt32: no domain, no limit
        for (let d = 0; d < domains; d++)
          if ((!eligible || eligible[d]) && matchNum[d]! < minMatch) minMatch = matchNum[d]!;
      }
      const self = constraint.selector && constraint.selector.matches(pod.labels) ? 1 : 0;
      return { constraint, topology, matchNum, minMatch, self };
    });
    cycle.state.write(PRE_FILTER, state);
    return state.length === 0 ? { skip: true } : null; // no DoNotSchedule constraint: Skip
  },
  filter(cycle, node) {
    const state = cycle.state.read(PRE_FILTER);
    if (!state || state.length === 0) return null;
    for (const s of state) {
      const d = s.topology.domainOf[node.index]!;
      if (d < 0) return unresolvable(NAME, ERR_REASON_MISSING_LABEL);
      const skew = s.matchNum[d]! + s.self - s.minMatch;
      if (skew > s.constraint.maxSkew) return unschedulable(NAME, ERR_REASON_CONSTRAINTS);
    }
    return null;
  },
  preScore(cycle, feasible) {
    const { constraints, systemDefaulted } = constraintsFor(cycle, 'ScheduleAnyway');
    if (constraints.length === 0 || feasible.length === 0) return false;
    const cluster = cycle.cluster;
    const requireAll = cycle.pod.spreadConstraints.length > 0 || !systemDefaulted;
    const topologies = constraints.map((c) => cluster.topology(c.topologyKey));
    let ignored: Uint8Array | null = null;
    let ignoredCount = 0;
    if (requireAll) {
      for (const node of feasible) {
        if (hasAllKeys(topologies, node.index)) continue;
        (ignored ??= new Uint8Array(cluster.nodes.length))[node.index] = 1;
        ignoredCount++;
      }
    }
    const state: ScoreConstraint[] = constraints.map((constraint, i) => {
      const topology = topologies[i]!;
      const counts = countsOf(cycle, constraint);
      const hostname = constraint.topologyKey === LABEL_HOSTNAME;
      const s: ScoreConstraint = {
        constraint,
        topology,
        hostname,
        byNode: counts ? counts.byNode : null,
        pairCounts: new Float64Array(0),
        weight: 0,
      };
      if (hostname) {
        // The number of domains among the feasible nodes, before any pod is counted; per-node counts are read in Score.
        s.weight = Math.log(feasible.length - ignoredCount + 2);
        return s;
      }
      // Domains of the feasible (not ignored) nodes; a node without the label counts as the domain "".
      const values = topology.values;
      let missing = values.indexOf('');
      if (missing < 0) missing = values.length;
      const present = new Uint8Array(values.length + 1);
      let domains = 0;
      for (const node of feasible) {
        if (ignored && ignored[node.index]) continue;
        let d = topology.domainOf[node.index]!;
        if (d < 0) d = missing;
        if (!present[d]) {
          present[d] = 1;
          domains++;
        }
      }
      s.weight = Math.log(domains + 2);
      const pairCounts = (s.pairCounts = new Float64Array(values.length + 1));
      if (!counts) return s;
      if (
        (!requireAll || topologies.every((t) => t.everyNode)) &&
        topology.everyNode &&
        everyNodeIncluded(cycle, constraint)
      ) {
        const byDomain = counts.byDomain(topology);
        for (let d = 0; d < values.length; d++) if (present[d]) pairCounts[d] = byDomain[d]!;
        return s;
      }
      // Only nodes with matching pods add anything.
      for (const node of cluster.nodes) {
        const count = counts.byNode[node.index]!;
        if (count === 0) continue;
        if (requireAll && !hasAllKeys(topologies, node.index)) continue;
        if (!nodeIncluded(cycle, constraint, node)) continue;
        let d = topology.domainOf[node.index]!;
        if (d < 0) d = missing;
        if (present[d]) pairCounts[d] = pairCounts[d]! + count; // a domain with no feasible node is not counted
      }
      return s;
    });
    cycle.state.write(PRE_SCORE, { constraints: state, ignored });
    return true;
  },
  score(cycle, node) {
    const state = cycle.state.read(PRE_SCORE);
    if (!state || state.ignored?.[node.index]) return 0;
    let score = 0;
    for (const s of state.constraints) {
      const d = s.topology.domainOf[node.index]!;
      if (d < 0) continue;
      const count = s.hostname ? (s.byNode?.[node.index] ?? 0) : s.pairCounts[d]!;
      score += count * s.weight + (s.constraint.maxSkew - 1);
    }
    return Math.round(score);
  },
  normalizeScore(cycle, scores, nodes) {
    const ignored = cycle.state.read(PRE_SCORE)?.ignored ?? null;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    nodes.forEach((n, i) => {
      const s = scores[i] ?? 0;
      if (ignored?.[n.index]) return;
      if (s < min) min = s;
      if (s > max) max = s;
    });
    nodes.forEach((n, i) => {
      if (ignored?.[n.index]) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.floor((MAX_NODE_SCORE * (max + min - (scores[i] ?? 0))) / max);
    });
  },
};
