/** NodeAffinity score (plugins/nodeaffinity): sum of the weights of preferred terms the node matches, scaled to 0..100. */
import { matchNodeTerm } from '../../node-selector.js';
import { defaultNormalizeScore, type ScorePlugin } from '../framework.js';

export const NodeAffinityScore: ScorePlugin = {
  name: 'NodeAffinity',
  weight: 2,
  preScore(cycle) {
    return cycle.pod.preferredNodeAffinity.length > 0;
  },
  score(cycle, node) {
    let sum = 0;
    for (const { weight, term } of cycle.pod.preferredNodeAffinity)
      if (matchNodeTerm(term, { name: node.name, labels: node.node.labels })) sum += weight;
    return sum;
  },
  normalize(_cycle, scores) {
    defaultNormalizeScore(scores, false);
  },
};
