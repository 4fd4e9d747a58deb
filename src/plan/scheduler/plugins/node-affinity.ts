/**
 * NodeAffinity (kubernetes v1.30 pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go).
 * PreFilter narrows the candidates when every required term pins metadata.name (how DaemonSet pods are
 * pinned); nodes left out are reported as "node(s) didn't satisfy plugin(s) [NodeAffinity]".
 * Filter: spec.nodeSelector AND required node affinity.
 * Score: sum of the weights of preferred terms the node matches, scaled to 0..100 (DefaultNormalizeScore).
 */
import { matchNodeTerm } from '../../node-selector.js';
import { defaultNormalizeScore, unresolvable, type Cycle, type Plugin } from '../framework.js';
import type { NodeState } from '../state.js';

export const NAME = 'NodeAffinity';
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

/** nodeaffinity.GetRequiredNodeAffinity(pod).Match(node), memoised per cycle. */
export function matchesRequiredNodeAffinity(cycle: Cycle, node: NodeState): boolean {
  if (cycle.anyNode === undefined)
    cycle.anyNode = cycle.pod.requiredNodeAffinity === null && Object.keys(cycle.pod.nodeSelector).length === 0;
  if (cycle.anyNode) return true;
  let ok = cycle.nodeAffinityCache.get(node);
  if (ok === undefined) {
    const pod = cycle.pod;
    const labels = node.node.labels;
    ok = true;
    for (const [k, v] of Object.entries(pod.nodeSelector)) {
      if (labels[k] !== v || !Object.prototype.hasOwnProperty.call(labels, k)) {
        ok = false;
        break;
      }
    }
    if (ok && pod.requiredNodeAffinity)
      ok = pod.requiredNodeAffinity.terms.some((t) => matchNodeTerm(t, { name: node.name, labels }));
    cycle.nodeAffinityCache.set(node, ok);
  }
  return ok;
}

export const NodeAffinity: Plugin = {
  name: NAME,
  preFilter(cycle) {
    const terms = cycle.pod.requiredNodeAffinity?.terms;
    // Neither nodeSelector nor required node affinity: every node matches (PreFilter returns Skip).
    if (!terms) return Object.keys(cycle.pod.nodeSelector).length === 0 ? { skip: true } : null;
    let names: Set<string> | null = null;
    for (const term of terms) {
      let termNames: Set<string> | null = null;
      for (const r of term.fields) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const values = new Set<string>(r.values);
        const previous: Set<string> | null = termNames;
        termNames = previous === null ? values : new Set<string>([...previous].filter((n: string) => values.has(n)));
      }
      if (termNames === null) return null; // a term without a node-name pin admits every node (terms are ORed)
      names = names === null ? termNames : new Set([...names, ...termNames]);
    }
    if (names !== null && names.size === 0) return unresolvable(NAME, ERR_REASON_CONFLICT);
    return names !== null ? { nodeNames: names } : null;
  },
  filter(cycle, node) {
    return matchesRequiredNodeAffinity(cycle, node) ? null : unresolvable(NAME, ERR_REASON_POD);
  },
  preScore(cycle) {
    return cycle.pod.preferredNodeAffinity.length > 0;
  },
  score(cycle, node) {
    let sum = 0;
    for (const { weight, term } of cycle.pod.preferredNodeAffinity)
      if (matchNodeTerm(term, { name: node.name, labels: node.node.labels })) sum += weight;
    return sum;
  },
  normalizeScore(_cycle, scores) {
    defaultNormalizeScore(scores, false);
  },
};
