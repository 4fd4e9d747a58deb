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
import { podsMatchingTerm } from '../affinity-terms.js';
import { MAX_NODE_SCORE, stateKey, unresolvable, unschedulable, type Cycle, type Plugin } from '../framework.js';
import { termMatches } from '../pod-info.js';
import type { Topology } from '../pod-counts.js';
import type { ClusterState, NodeState } from '../state.js';
import type { AffinityTerm } from '../types.js';

export const NAME = 'InterPodAffinity';
export const ERR_REASON_AFFINITY = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";
export const ERR_REASON_EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
export const HARD_POD_AFFINITY_WEIGHT = 1;

/**
 * topologyToMatchedTermCount: per topology key (in first-added order), a value per domain of that key. A key is
 * present once some matching pod sat on a node carrying it (what upstream's map has), even if its sums cancel.
 * Counts of pods matching a term come from the cluster's incremental PodCounts (per namespace and selector,
 * summed over the term's namespaces) instead of a walk over the matching pods; terms with a namespaceSelector
 * and multi-term required affinity (a pod must match every term) still walk the pods.
 */
class TopologyCounts {
  readonly keys: Array<{ topology: Topology; values: Float64Array }> = [];
  private readonly byKey = new Map<string, Float64Array>();

  constructor(private readonly cluster: ClusterState) {}

  get size(): number {
    return this.keys.length;
  }

  private flatCache: { domainOfs: Int32Array[]; sums: Float64Array[] } | null = null;

  /** The keys as two parallel arrays (Score reads them once per node); built after the last add. */
  flat(): { domainOfs: Int32Array[]; sums: Float64Array[] } {
    if (!this.flatCache || this.flatCache.sums.length !== this.keys.length)
      this.flatCache = {
        domainOfs: this.keys.map((k) => k.topology.domainOf),
        sums: this.keys.map((k) => k.values),
      };
    return this.flatCache;
  }

  private values(key: string): Float64Array {
    let v = this.byKey.get(key);
    if (!v) {
      const topology = this.cluster.topology(key);
      v = new Float64Array(topology.values.length);
      this.byKey.set(key, v);
      this.keys.push({ topology, values: v });
    }
    return v;
  }

  /** Adds delta to the node's domain for `key`, when the node has that label. */
  addNode(node: NodeState, key: string, delta: number): void {
    const d = this.cluster.topology(key).domainOf[node.index]!;
    if (d < 0) return;
    const v = this.values(key);
    v[d] = v[d]! + delta;
  }

  /** Adds delta to the domain named `value` of `key`. */
  addValue(key: string, value: string, delta: number): void {
    const d = this.cluster.topology(key).idOf.get(value);
    if (d === undefined) return;
    const v = this.values(key);
    v[d] = v[d]! + delta;
  }

  /** Adds factor × per-domain counts (nothing, and no key, when every count is 0). */
  addDomains(key: string, counts: Int32Array, factor: number): void {
    let v: Float64Array | undefined;
    for (let d = 0; d < counts.length; d++) {
      const c = counts[d]!;
      if (c === 0) continue;
      v ??= this.values(key);
      v[d] = v[d]! + factor * c;
    }
  }

  /** The count for the node's domain of `key`; undefined when the node lacks the label. */
  at(node: NodeState, key: string): number | undefined {
    const d = this.cluster.topology(key).domainOf[node.index]!;
    if (d < 0) return undefined;
    return this.byKey.get(key)?.[d] ?? 0;
  }
}

interface FilterState {
  affinity: TopologyCounts;
  antiAffinity: TopologyCounts;
  existingAntiAffinity: TopologyCounts;
}

const PRE_FILTER = stateKey<FilterState>(`PreFilter${NAME}`);
const PRE_SCORE = stateKey<TopologyCounts>(`PreScore${NAME}`);

/** factor × the pods matching `term`, per domain of its topology key, into `counts`. */
function addTermMatches(cycle: Cycle, counts: TopologyCounts, term: AffinityTerm, factor: number): void {
  const cluster = cycle.cluster;
  if (term.namespaceSelector === null) {
    const topology = cluster.topology(term.topologyKey);
    for (const ns of [...term.namespaces].sort())
      counts.addDomains(term.topologyKey, cluster.podCounts(ns, term.selector).byDomain(topology), factor);
    return;
  }
  for (const existing of podsMatchingTerm(cluster, term)) {
    const node = cluster.nodeOf(existing);
    if (node) counts.addNode(node, term.topologyKey, factor);
  }
}

export const InterPodAffinity: Plugin = {
  name: NAME,
  preFilter(cycle) {
    const { pod, cluster } = cycle;
    const state: FilterState = {
      affinity: new TopologyCounts(cluster),
      antiAffinity: new TopologyCounts(cluster),
      existingAntiAffinity: new TopologyCounts(cluster),
    };
    // getTPMapMatchingExistingAntiAffinity, over merged terms of the bound pods
    for (const g of cluster.termGroupsMatching(pod)) {
      if (g.kind !== 'requiredAntiAffinity') continue;
      for (const [value, count] of g.byValue) state.existingAntiAffinity.addValue(g.term.topologyKey, value, count);
    }
    // getTPMapMatchingIncomingAffinityAntiAffinity: a pod counts for affinity only if it matches all terms.
    const [firstAffinity] = pod.requiredAffinity;
    if (firstAffinity && pod.requiredAffinity.length === 1) addTermMatches(cycle, state.affinity, firstAffinity, 1);
    else if (firstAffinity) {
      for (const existing of podsMatchingTerm(cluster, firstAffinity)) {
        if (!pod.requiredAffinity.every((t) => termMatches(t, existing, cluster.namespaceLabels))) continue;
        const node = cluster.nodeOf(existing);
        if (node) for (const t of pod.requiredAffinity) state.affinity.addNode(node, t.topologyKey, 1);
      }
    }
    for (const t of pod.requiredAntiAffinity) addTermMatches(cycle, state.antiAffinity, t, 1);
    cycle.state.write(PRE_FILTER, state);
    // Nothing to satisfy and no existing pod's anti-affinity to respect: Skip (filtering.go PreFilter).
    const nothing =
      pod.requiredAffinity.length === 0 &&
      pod.requiredAntiAffinity.length === 0 &&
      state.existingAntiAffinity.size === 0;
    return nothing ? { skip: true } : null;
  },
  filter(cycle, node) {
    const state = cycle.state.read(PRE_FILTER);
    if (!state) return null;
    const { pod, cluster } = cycle;
    // satisfyPodAffinity
    let podsExist = true;
    for (const t of pod.requiredAffinity) {
      const count = state.affinity.at(node, t.topologyKey);
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
      if ((state.antiAffinity.at(node, t.topologyKey) ?? 0) > 0) return unschedulable(NAME, ERR_REASON_ANTI_AFFINITY);
    }
    // satisfyExistingPodsAntiAffinity
    for (const { topology, values } of state.existingAntiAffinity.keys) {
      const d = topology.domainOf[node.index]!;
      if (d >= 0 && values[d]! > 0) return unschedulable(NAME, ERR_REASON_EXISTING_ANTI_AFFINITY);
    }
    return null;
  },
  preScore(cycle) {
    const { pod, cluster } = cycle;
    const scores = new TopologyCounts(cluster);
    for (const t of pod.preferredAffinity) addTermMatches(cycle, scores, t, t.weight);
    for (const t of pod.preferredAntiAffinity) addTermMatches(cycle, scores, t, -t.weight);
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
      for (const [value, sum] of g.byValue) scores.addValue(g.term.topologyKey, value, factor * sum);
    }
    if (scores.size === 0) return false;
    cycle.state.write(PRE_SCORE, scores);
    return true;
  },
  score(cycle, node) {
    const scores = cycle.state.read(PRE_SCORE);
    if (!scores) return 0;
    const { domainOfs, sums } = scores.flat();
    const index = node.index;
    let total = 0;
    for (let k = 0; k < domainOfs.length; k++) {
      const d = domainOfs[k]![index]!;
      if (d >= 0) total += sums[k]![d]!;
    }
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
