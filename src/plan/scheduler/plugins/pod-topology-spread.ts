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
import { MAX_NODE_SCORE, stateKey, unresolvable, unschedulable, type Plugin } from '../framework.js';
import { constraintsFor, countsFor, hasAllTopologyKeys, LABEL_HOSTNAME, nodeIncluded } from '../spreading.js';
import type { NodeState } from '../state.js';
import type { SpreadConstraint } from '../types.js';

export const NAME = 'PodTopologySpread';
export const ERR_REASON_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_MISSING_LABEL = `${ERR_REASON_CONSTRAINTS} (missing required label)`;

/** One constraint with its per-domain counts (PreFilter) or weight (PreScore). */
interface FilterConstraint {
  constraint: SpreadConstraint;
  /** Domain value → matching pods. */
  matchNum: Map<string, number>;
  /** The global minimum used in the skew (0 when fewer domains than minDomains). */
  minMatch: number;
}

interface ScoreConstraint {
  constraint: SpreadConstraint;
  /** Non-hostname constraints: domain value → matching pods over all eligible nodes. */
  pairCounts: Map<string, number>;
  /** Matching pods per node (countPodsMatchSelector). */
  hostCounts: Map<NodeState, number>;
  /** ln(domains + 2). */
  weight: number;
}

interface ScoreState {
  constraints: ScoreConstraint[];
  ignored: Set<NodeState>;
}

const PRE_FILTER = stateKey<FilterConstraint[]>(`PreFilter${NAME}`);
const PRE_SCORE = stateKey<ScoreState>(`PreScore${NAME}`);

export const PodTopologySpread: Plugin = {
  name: NAME,
  preFilter(cycle) {
    const { constraints } = constraintsFor(cycle, 'DoNotSchedule');
    const state: FilterConstraint[] = constraints.map((constraint) => ({
      constraint,
      matchNum: new Map(),
      minMatch: 0,
    }));
    if (state.length > 0) {
      const counts = constraints.map((c) => countsFor(cycle, c.selector));
      for (const node of cycle.cluster.nodes) {
        if (!hasAllTopologyKeys(node, constraints)) continue;
        state.forEach((s, i) => {
          if (!nodeIncluded(cycle, s.constraint, node)) return;
          const value = node.node.labels[s.constraint.topologyKey] ?? '';
          s.matchNum.set(value, (s.matchNum.get(value) ?? 0) + (counts[i]?.get(node) ?? 0));
        });
      }
      for (const s of state) {
        if (s.matchNum.size < s.constraint.minDomains) continue;
        let min = Number.MAX_SAFE_INTEGER; // criticalPaths start at MaxInt32: no domain, no limit
        for (const v of s.matchNum.values()) if (v < min) min = v;
        s.minMatch = min;
      }
    }
    cycle.state.write(PRE_FILTER, state);
    return null;
  },
  filter(cycle, node) {
    const state = cycle.state.read(PRE_FILTER);
    if (!state || state.length === 0) return null;
    const labels = node.node.labels;
    for (const { constraint: c, matchNum, minMatch } of state) {
      const value = labels[c.topologyKey];
      if (value === undefined || !Object.prototype.hasOwnProperty.call(labels, c.topologyKey))
        return unresolvable(NAME, ERR_REASON_MISSING_LABEL);
      const self = c.selector && c.selector.matches(cycle.pod.labels) ? 1 : 0;
      const skew = (matchNum.get(value) ?? 0) + self - minMatch;
      if (skew > c.maxSkew) return unschedulable(NAME, ERR_REASON_CONSTRAINTS);
    }
    return null;
  },
  preScore(cycle, feasible) {
    const { constraints, systemDefaulted } = constraintsFor(cycle, 'ScheduleAnyway');
    if (constraints.length === 0 || feasible.length === 0) return false;
    const requireAll = cycle.pod.spreadConstraints.length > 0 || !systemDefaulted;
    const ignored = new Set<NodeState>();
    const state: ScoreConstraint[] = constraints.map((constraint) => ({
      constraint,
      pairCounts: new Map(),
      hostCounts: countsFor(cycle, constraint.selector),
      weight: 0,
    }));
    for (const node of feasible) {
      if (requireAll && !hasAllTopologyKeys(node, constraints)) {
        ignored.add(node);
        continue;
      }
      for (const s of state) {
        if (s.constraint.topologyKey === LABEL_HOSTNAME) continue;
        const value = node.node.labels[s.constraint.topologyKey] ?? '';
        if (!s.pairCounts.has(value)) s.pairCounts.set(value, 0);
      }
    }
    for (const s of state) {
      const c = s.constraint;
      // The number of domains among the feasible nodes, before any pod is counted.
      const domains = c.topologyKey === LABEL_HOSTNAME ? feasible.length - ignored.size : s.pairCounts.size;
      s.weight = Math.log(domains + 2);
      if (c.topologyKey === LABEL_HOSTNAME) continue; // per-node counts are read in Score
      // Only nodes with matching pods add anything; walk those instead of every node.
      for (const [node, count] of s.hostCounts) {
        if (requireAll && !hasAllTopologyKeys(node, constraints)) continue;
        if (!nodeIncluded(cycle, c, node)) continue;
        const value = node.node.labels[c.topologyKey] ?? '';
        const current = s.pairCounts.get(value);
        if (current !== undefined) s.pairCounts.set(value, current + count); // a domain with no feasible node is not counted
      }
    }
    cycle.state.write(PRE_SCORE, { constraints: state, ignored });
    return true;
  },
  score(cycle, node) {
    const state = cycle.state.read(PRE_SCORE);
    if (!state || state.ignored.has(node)) return 0;
    let score = 0;
    const labels = node.node.labels;
    for (const s of state.constraints) {
      const c = s.constraint;
      const value = labels[c.topologyKey];
      if (value === undefined || !Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) continue;
      const count = c.topologyKey === LABEL_HOSTNAME ? (s.hostCounts.get(node) ?? 0) : (s.pairCounts.get(value) ?? 0);
      score += count * s.weight + (c.maxSkew - 1);
    }
    return Math.round(score);
  },
  normalizeScore(cycle, scores, nodes) {
    const ignored = cycle.state.read(PRE_SCORE)?.ignored ?? new Set<NodeState>();
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    nodes.forEach((n, i) => {
      const s = scores[i] ?? 0;
      if (ignored.has(n)) return;
      if (s < min) min = s;
      if (s > max) max = s;
    });
    nodes.forEach((n, i) => {
      if (ignored.has(n)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.floor((MAX_NODE_SCORE * (max + min - (scores[i] ?? 0))) / max);
    });
  },
};
