/**
 * PodTopologySpread score (plugins/podtopologyspread/scoring.go), ScheduleAnyway constraints or — when the pod
 * has none — the system defaults (hostname maxSkew 3, zone maxSkew 5) over DefaultSelector:
 *   raw(node) = round( Σ_c count_c(node's domain) × ln(domains_c + 2) + (maxSkew_c − 1) )
 *   normalised = 100 × (max + min − raw) / max   (integer; 100 for all when max is 0; ignored nodes 0)
 * Nodes missing a topology key are ignored unless the constraints are the system defaults.
 */
import { MAX_NODE_SCORE, type Cycle, type ScorePlugin } from '../framework.js';
import { constraintsFor, countsFor, hasAllTopologyKeys, LABEL_HOSTNAME, nodeIncluded } from '../spreading.js';
import type { NodeState } from '../state.js';
import type { SpreadConstraint } from '../types.js';

interface State {
  constraints: SpreadConstraint[];
  ignored: Set<NodeState>;
  /** Per constraint (non-hostname): domain value → matching pods over all eligible nodes. */
  pairCounts: Array<Map<string, number>>;
  weights: number[];
  hostCounts: Array<Map<NodeState, number>>;
}

const KEY = 'PodTopologySpread/score';

export const PodTopologySpreadScore: ScorePlugin = {
  name: 'PodTopologySpread',
  weight: 2,
  preScore(cycle, feasible) {
    const { constraints, systemDefaulted } = constraintsFor(cycle, 'ScheduleAnyway');
    if (constraints.length === 0 || feasible.length === 0) return false;
    const requireAll = cycle.pod.spreadConstraints.length > 0 || !systemDefaulted;
    const state: State = {
      constraints,
      ignored: new Set(),
      pairCounts: constraints.map(() => new Map()),
      weights: [],
      hostCounts: [],
    };
    const sizes = constraints.map(() => 0);
    for (const node of feasible) {
      if (requireAll && !hasAllTopologyKeys(node, constraints)) {
        state.ignored.add(node);
        continue;
      }
      constraints.forEach((c, i) => {
        if (c.topologyKey === LABEL_HOSTNAME) return;
        const value = node.node.labels[c.topologyKey] ?? '';
        if (!state.pairCounts[i].has(value)) {
          state.pairCounts[i].set(value, 0);
          sizes[i]++;
        }
      });
    }
    state.hostCounts = constraints.map((c) => countsFor(cycle, c.selector));
    for (let i = 0; i < constraints.length; i++) {
      const c = constraints[i];
      if (c.topologyKey === LABEL_HOSTNAME) continue; // per-node counts are read in Score
      const pairs = state.pairCounts[i];
      // Only nodes with matching pods add anything; walk those instead of every node.
      for (const [node, count] of state.hostCounts[i]) {
        if (requireAll && !hasAllTopologyKeys(node, constraints)) continue;
        if (!nodeIncluded(cycle, c, node)) continue;
        const value = node.node.labels[c.topologyKey] ?? '';
        const current = pairs.get(value);
        if (current !== undefined) pairs.set(value, current + count); // a domain with no feasible node is not counted
      }
    }
    state.weights = constraints.map((c, i) =>
      Math.log((c.topologyKey === LABEL_HOSTNAME ? feasible.length - state.ignored.size : sizes[i]) + 2),
    );
    cycle.state.set(KEY, state);
    return true;
  },
  score(cycle, node) {
    const state = cycle.state.get(KEY) as State;
    if (state.ignored.has(node)) return 0;
    let score = 0;
    const labels = node.node.labels;
    for (let i = 0; i < state.constraints.length; i++) {
      const c = state.constraints[i];
      if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) continue;
      const count =
        c.topologyKey === LABEL_HOSTNAME
          ? (state.hostCounts[i].get(node) ?? 0)
          : (state.pairCounts[i].get(labels[c.topologyKey]) ?? 0);
      score += count * state.weights[i] + (c.maxSkew - 1);
    }
    return Math.round(score);
  },
  normalize(cycle: Cycle, scores, nodes) {
    const state = cycle.state.get(KEY) as State;
    let min = Number.MAX_SAFE_INTEGER;
    let max = 0;
    nodes.forEach((n, i) => {
      if (state.ignored.has(n)) return;
      if (scores[i] < min) min = scores[i];
      if (scores[i] > max) max = scores[i];
    });
    nodes.forEach((n, i) => {
      if (state.ignored.has(n)) scores[i] = 0;
      else if (max === 0) scores[i] = MAX_NODE_SCORE;
      else scores[i] = Math.floor((MAX_NODE_SCORE * (max + min - scores[i])) / max);
    });
  },
};
