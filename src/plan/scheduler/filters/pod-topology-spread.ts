/**
 * PodTopologySpread filter (plugins/podtopologyspread/filtering.go), DoNotSchedule constraints only:
 * skew = matching pods in the node's domain + (1 if the pod matches its own selector) − the global minimum over
 * eligible domains; the node is rejected when skew > maxSkew, or when it lacks the topology key.
 */
import type { FilterPlugin } from '../framework.js';
import { constraintsFor, countsFor, hasAllTopologyKeys, nodeIncluded } from '../spreading.js';
import type { SpreadConstraint } from '../types.js';

export const ERR_REASON_CONSTRAINTS = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_MISSING_LABEL = `${ERR_REASON_CONSTRAINTS} (missing required label)`;

interface State {
  constraints: SpreadConstraint[];
  /** Per constraint: domain value → matching pods. */
  matchNum: Array<Map<string, number>>;
  /** Per constraint: the global minimum used in the skew (0 when fewer domains than minDomains). */
  minMatch: number[];
}

const KEY = 'PodTopologySpread/filter';

export const PodTopologySpreadFilter: FilterPlugin = {
  name: 'PodTopologySpread',
  preFilter(cycle) {
    const { constraints } = constraintsFor(cycle, 'DoNotSchedule');
    const state: State = { constraints, matchNum: constraints.map(() => new Map()), minMatch: [] };
    if (constraints.length > 0) {
      const counts = constraints.map((c) => countsFor(cycle, c.selector));
      for (const node of cycle.cluster.nodes) {
        if (!hasAllTopologyKeys(node, constraints)) continue;
        constraints.forEach((c, i) => {
          if (!nodeIncluded(cycle, c, node)) return;
          const value = node.node.labels[c.topologyKey];
          state.matchNum[i].set(value, (state.matchNum[i].get(value) ?? 0) + (counts[i].get(node) ?? 0));
        });
      }
      state.minMatch = constraints.map((c, i) => {
        const m = state.matchNum[i];
        if (m.size < c.minDomains) return 0;
        let min = Number.MAX_SAFE_INTEGER; // criticalPaths start at MaxInt32: no domain, no limit
        for (const v of m.values()) if (v < min) min = v;
        return min;
      });
    }
    cycle.state.set(KEY, state);
  },
  filter(cycle, node) {
    const state = cycle.state.get(KEY) as State | undefined;
    if (!state || state.constraints.length === 0) return null;
    const labels = node.node.labels;
    for (let i = 0; i < state.constraints.length; i++) {
      const c = state.constraints[i];
      if (!Object.prototype.hasOwnProperty.call(labels, c.topologyKey)) return [ERR_REASON_MISSING_LABEL];
      const self = c.selector && c.selector.matches(cycle.pod.labels) ? 1 : 0;
      const skew = (state.matchNum[i].get(labels[c.topologyKey]) ?? 0) + self - state.minMatch[i];
      if (skew > c.maxSkew) return [ERR_REASON_CONSTRAINTS];
    }
    return null;
  },
};
