/**
 * InterPodAffinity (kubernetes v1.30 pkg/scheduler/framework/plugins/interpodaffinity/filtering.go, scoring.go).
 *
 * Filter: the pod's required affinity (some matching pod in the node's domain, or the "first pod of a
 * self-affine group" exception), its required anti-affinity (no matching pod in the domain), and existing pods'
 * required anti-affinity against the incoming pod.
 *
 * Score: for every existing pod, per topology domain of its node: +weight for each preferred affinity term of
 * the incoming pod it matches, −weight for preferred anti-affinity; +1 (hardPodAffinityWeight) for each
 * required affinity term of the existing pod matching the incoming pod; ±weight for the existing pod's
 * preferred (anti-)affinity terms matching the incoming pod. Normalised min–max to 0..100; skipped when no term
 * applies.
 */
import type { Labels } from '../../../k8s/label-selector.js';
import { podsMatchingTerm } from '../affinity-terms.js';
import { MAX_NODE_SCORE, stateKey, unresolvable, unschedulable, type Plugin } from '../framework.js';
import { termMatches } from '../pod-info.js';
import type { AffinityTerm } from '../types.js';

export const NAME = 'InterPodAffinity';
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const HARD_POD_AFFINITY_WEIGHT = 1;

/** topologyKey → topology value → count (topologyToMatchedTermCount). */
type TopologyCounts = Map<string, Map<string, number>>;

interface FilterState {
  affinity: TopologyCounts;
  antiAffinity: TopologyCounts;
  existingAntiAffinity: TopologyCounts;
}

const PRE_FILTER = stateKey<FilterState>(`PreFilter${NAME}`);
const PRE_SCORE = stateKey<TopologyCounts>(`PreScore${NAME}`);

function addValue(counts: TopologyCounts, key: string, value: string, delta: number): void {
  let m = counts.get(key);
  if (!m) counts.set(key, (m = new Map()));
  m.set(value, (m.get(value) ?? 0) + delta);
}

/** Adds delta to the node's domain for `key`, when the node has that label. */
function addLabel(counts: TopologyCounts, labels: Labels, key: string, delta: number): void {
  const value = labels[key];
  if (value !== undefined && Object.prototype.hasOwnProperty.call(labels, key)) addValue(counts, key, value, delta);
}

/** The count for the node's domain of `key`; undefined when the node lacks the label. */
function countAt(counts: TopologyCounts, labels: Labels, key: string): number | undefined {
  const value = labels[key];
  if (value === undefined || !Object.prototype.hasOwnProperty.call(labels, key)) return undefined;
  return counts.get(key)?.get(value) ?? 0;
}

export const InterPodAffinity: Plugin = {
  name: NAME,
  preFilter(cycle) {
    const { pod, cluster } = cycle;
    const state: FilterState = { affinity: new Map(), antiAffinity: new Map(), existingAntiAffinity: new Map() };
    // getTPMapMatchingExistingAntiAffinity, over merged terms of the bound pods
    for (const g of cluster.termGroupsMatching(pod)) {
      if (g.kind !== 'requiredAntiAffinity') continue;
      for (const [value, count] of g.byValue) addValue(state.existingAntiAffinity, g.term.topologyKey, value, count);
    }
    // getTPMapMatchingIncomingAffinityAntiAffinity: a pod counts for affinity only if it matches all terms.
    const [firstAffinity] = pod.requiredAffinity;
    if (firstAffinity) {
      for (const existing of podsMatchingTerm(cluster, firstAffinity)) {
        if (!pod.requiredAffinity.every((t) => termMatches(t, existing, cluster.namespaceLabels))) continue;
        const labels = cluster.nodeOf(existing)?.node.labels ?? {};
        for (const t of pod.requiredAffinity) addLabel(state.affinity, labels, t.topologyKey, 1);
      }
    }
    for (const t of pod.requiredAntiAffinity) {
      for (const existing of podsMatchingTerm(cluster, t))
        addLabel(state.antiAffinity, cluster.nodeOf(existing)?.node.labels ?? {}, t.topologyKey, 1);
    }
    cycle.state.write(PRE_FILTER, state);
    return null;
  },
  filter(cycle, node) {
    const state = cycle.state.read(PRE_FILTER);
    if (!state) return null;
    const { pod, cluster } = cycle;
    const labels = node.node.labels;
    // satisfyPodAffinity
    let podsExist = true;
    for (const t of pod.requiredAffinity) {
      const count = countAt(state.affinity, labels, t.topologyKey);
      if (count === undefined) return unresolvable(NAME, ERR_REASON_AFFINITY);
      if (count <= 0) podsExist = false;
    }
    if (!podsExist) {
      const selfAffine =
        state.affinity.size === 0 && pod.requiredAffinity.every((t) => termMatches(t, pod, cluster.namespaceLabels));
      if (!selfAffine) return unresolvable(NAME, ERR_REASON_AFFINITY);
    }
    // satisfyPodAntiAffinity
    for (const t of pod.requiredAntiAffinity) {
      if ((countAt(state.antiAffinity, labels, t.topologyKey) ?? 0) > 0)
        return unschedulable(NAME, ERR_REASON_ANTI_AFFINITY);
    }
    // satisfyExistingPodsAntiAffinity
    for (const key of state.existingAntiAffinity.keys()) {
      if ((countAt(state.existingAntiAffinity, labels, key) ?? 0) > 0)
        return unschedulable(NAME, ERR_REASON_EXISTING_ANTI_AFFINITY);
    }
    return null;
  },
  preScore(cycle) {
    const { pod, cluster } = cycle;
    const scores: TopologyCounts = new Map();
    const incoming = (terms: AffinityTerm[], sign: number) => {
      for (const t of terms) {
        for (const existing of podsMatchingTerm(cluster, t)) {
          const node = cluster.nodeOf(existing);
          if (node) addLabel(scores, node.node.labels, t.topologyKey, sign * t.weight);
        }
      }
    };
    incoming(pod.preferredAffinity, 1);
    incoming(pod.preferredAntiAffinity, -1);
    // Existing pods' terms selecting the incoming pod (merged per distinct term; byValue already sums weights).
    for (const g of cluster.termGroupsMatching(pod)) {
      const factor =
        g.kind === 'requiredAffinity'
          ? HARD_POD_AFFINITY_WEIGHT
          : g.kind === 'preferredAffinity'
            ? 1
            : g.kind === 'preferredAntiAffinity'
              ? -1
              : 0;
      if (factor === 0) continue;
      for (const [value, sum] of g.byValue) addValue(scores, g.term.topologyKey, value, factor * sum);
    }
    if (scores.size === 0) return false;
    cycle.state.write(PRE_SCORE, scores);
    return true;
  },
  score(cycle, node) {
    const scores = cycle.state.read(PRE_SCORE);
    if (!scores) return 0;
    let total = 0;
    for (const key of scores.keys()) total += countAt(scores, node.node.labels, key) ?? 0;
    return total;
  },
  normalizeScore(_cycle, scores) {
    let min = Number.MAX_SAFE_INTEGER;
    let max = Number.MIN_SAFE_INTEGER;
    for (const s of scores) {
      if (s > max) max = s;
      if (s < min) min = s;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++)
      scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * (((scores[i] ?? 0) - min) / diff)) : 0;
  },
};
