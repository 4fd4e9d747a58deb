/**
 * NodeAffinity filter (plugins/nodeaffinity): spec.nodeSelector AND required node affinity.
 * PreFilter narrows the candidates when every term pins metadata.name (how DaemonSet pods are pinned);
 * nodes left out are reported as "node(s) didn't satisfy plugin(s) [NodeAffinity]".
 */
import { matchNodeTerm } from '../../node-selector.js';
import type { Cycle, FilterPlugin } from '../framework.js';
import type { NodeState } from '../state.js';

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

export const NodeAffinityFilter: FilterPlugin = {
  name: 'NodeAffinity',
  preFilter(cycle) {
    const terms = cycle.pod.requiredNodeAffinity?.terms;
    if (!terms) return;
    let names: Set<string> | null = null;
    for (const term of terms) {
      let termNames: Set<string> | null = null;
      for (const r of term.fields) {
        if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
        const values = new Set<string>(r.values);
        const previous: Set<string> | null = termNames;
        termNames = previous === null ? values : new Set<string>([...previous].filter((n: string) => values.has(n)));
      }
      if (termNames === null) return; // a term without a node-name pin admits every node (terms are ORed)
      names = names === null ? termNames : new Set([...names, ...termNames]);
    }
    if (names !== null && names.size === 0) return { reject: ERR_REASON_CONFLICT };
    if (names !== null) return { nodeNames: names };
  },
  filter(cycle, node) {
    return matchesRequiredNodeAffinity(cycle, node) ? null : [ERR_REASON_POD];
  },
};
