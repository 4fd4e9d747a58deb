/**
 * InterPodAffinity score (plugins/interpodaffinity/scoring.go): for every existing pod, per topology domain of its
 * node: +weight for each preferred affinity term of the incoming pod it matches, −weight for preferred
 * anti-affinity; +1 (hardPodAffinityWeight) for each required affinity term of the existing pod matching the
 * incoming pod; ±weight for the existing pod's preferred (anti-)affinity terms matching the incoming pod.
 * Normalised min–max to 0..100; skipped when no term applies.
 */
import { MAX_NODE_SCORE, type Cycle, type ScorePlugin } from '../framework.js';
import { podsMatchingTerm } from '../affinity-terms.js';
import type { Labels } from '../../../k8s/label-selector.js';
import type { AffinityTerm } from '../types.js';

export const HARD_POD_AFFINITY_WEIGHT = 1;

type TopologyScore = Map<string, Map<string, number>>;
const KEY = 'InterPodAffinity/score';

function add(scores: TopologyScore, labels: Labels, key: string, delta: number): void {
  if (Object.prototype.hasOwnProperty.call(labels, key)) addValue(scores, key, labels[key], delta);
}

function addValue(scores: TopologyScore, key: string, value: string, delta: number): void {
  let m = scores.get(key);
  if (!m) scores.set(key, (m = new Map()));
  m.set(value, (m.get(value) ?? 0) + delta);
}

export const InterPodAffinityScore: ScorePlugin = {
  name: 'InterPodAffinity',
  weight: 2,
  preScore(cycle) {
    const { pod, cluster } = cycle;
    const scores: TopologyScore = new Map();
    const incoming = (terms: AffinityTerm[], sign: number) => {
      for (const t of terms) {
        for (const existing of podsMatchingTerm(cluster, t)) {
          const node = cluster.nodeOf(existing)!;
          add(scores, node.node.labels, t.topologyKey, sign * t.weight);
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
    cycle.state.set(KEY, scores);
    return true;
  },
  score(cycle, node) {
    const scores = cycle.state.get(KEY) as TopologyScore;
    let total = 0;
    const labels = node.node.labels;
    for (const [key, values] of scores) {
      if (Object.prototype.hasOwnProperty.call(labels, key)) total += values.get(labels[key]) ?? 0;
    }
    return total;
  },
  normalize(_cycle: Cycle, scores) {
    let min = Number.MAX_SAFE_INTEGER;
    let max = Number.MIN_SAFE_INTEGER;
    for (const s of scores) {
      if (s > max) max = s;
      if (s < min) min = s;
    }
    const diff = max - min;
    for (let i = 0; i < scores.length; i++)
      scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i] - min) / diff)) : 0;
  },
};
