/**
 * InterPodAffinity filter (plugins/interpodaffinity/filtering.go): the pod's required affinity (some matching
 * pod in the node's domain, or the "first pod of a self-affine group" exception), its required anti-affinity
 * (no matching pod in the domain), and existing pods' required anti-affinity against the incoming pod.
 */
import { termMatches } from '../pod-info.js';
import type { FilterPlugin } from '../framework.js';
import { podsMatchingTerm } from '../affinity-terms.js';
import type { Labels } from '../../../k8s/label-selector.js';

export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";

const SEP = '\u0000';
type PairCounts = Map<string, number>;

interface State {
  affinity: PairCounts;
  antiAffinity: PairCounts;
  existingAntiAffinity: PairCounts;
}

const KEY = 'InterPodAffinity/filter';

function bump(m: PairCounts, labels: Labels, key: string): void {
  if (!Object.prototype.hasOwnProperty.call(labels, key)) return;
  const pair = key + SEP + labels[key];
  m.set(pair, (m.get(pair) ?? 0) + 1);
}

export const InterPodAffinityFilter: FilterPlugin = {
  name: 'InterPodAffinity',
  preFilter(cycle) {
    const { pod, cluster } = cycle;
    const state: State = { affinity: new Map(), antiAffinity: new Map(), existingAntiAffinity: new Map() };
    // getTPMapMatchingExistingAntiAffinity, over merged terms of the bound pods
    for (const g of cluster.termGroupsMatching(pod)) {
      if (g.kind !== 'requiredAntiAffinity') continue;
      for (const [value, count] of g.byValue) {
        const pair = g.term.topologyKey + SEP + value;
        state.existingAntiAffinity.set(pair, (state.existingAntiAffinity.get(pair) ?? 0) + count);
      }
    }
    // getTPMapMatchingIncomingAffinityAntiAffinity: a pod counts for affinity only if it matches all terms.
    if (pod.requiredAffinity.length > 0) {
      for (const existing of podsMatchingTerm(cluster, pod.requiredAffinity[0])) {
        if (!pod.requiredAffinity.every((t) => termMatches(t, existing, cluster.namespaceLabels))) continue;
        const labels = cluster.nodeOf(existing)!.node.labels;
        for (const t of pod.requiredAffinity) bump(state.affinity, labels, t.topologyKey);
      }
    }
    for (const t of pod.requiredAntiAffinity) {
      for (const existing of podsMatchingTerm(cluster, t))
        bump(state.antiAffinity, cluster.nodeOf(existing)!.node.labels, t.topologyKey);
    }
    cycle.state.set(KEY, state);
  },
  filter(cycle, node) {
    const state = cycle.state.get(KEY) as State;
    const { pod, cluster } = cycle;
    const labels = node.node.labels;
    // satisfyPodAffinity
    let podsExist = true;
    for (const t of pod.requiredAffinity) {
      if (!Object.prototype.hasOwnProperty.call(labels, t.topologyKey)) return [ERR_REASON_AFFINITY];
      if ((state.affinity.get(t.topologyKey + SEP + labels[t.topologyKey]) ?? 0) <= 0) podsExist = false;
    }
    if (!podsExist) {
      const selfAffine =
        state.affinity.size === 0 && pod.requiredAffinity.every((t) => termMatches(t, pod, cluster.namespaceLabels));
      if (!selfAffine) return [ERR_REASON_AFFINITY];
    }
    // satisfyPodAntiAffinity
    for (const t of pod.requiredAntiAffinity) {
      if (!Object.prototype.hasOwnProperty.call(labels, t.topologyKey)) continue;
      if ((state.antiAffinity.get(t.topologyKey + SEP + labels[t.topologyKey]) ?? 0) > 0)
        return [ERR_REASON_ANTI_AFFINITY];
    }
    // satisfyExistingPodsAntiAffinity
    for (const [pair, count] of state.existingAntiAffinity) {
      if (count <= 0) continue;
      const i = pair.indexOf(SEP);
      const key = pair.slice(0, i);
      if (Object.prototype.hasOwnProperty.call(labels, key) && labels[key] === pair.slice(i + 1))
        return [ERR_REASON_EXISTING_ANTI_AFFINITY];
    }
    return null;
  },
};
