/**
 * TaintToleration score (plugins/tainttoleration): raw = PreferNoSchedule taints the pod does not tolerate
 * (only its tolerations with effect PreferNoSchedule or empty count); normalised reversed, so fewer is better
 * and a cluster without such taints gives every node 100.
 */
import { toleratesTaint } from '../pod-info.js';
import { defaultNormalizeScore, type ScorePlugin } from '../framework.js';
import type { Toleration } from '../types.js';

const KEY = 'TaintToleration/score';

export const TaintTolerationScore: ScorePlugin = {
  name: 'TaintToleration',
  weight: 3,
  preScore(cycle) {
    cycle.state.set(
      KEY,
      cycle.pod.tolerations.filter((t) => t.effect === '' || t.effect === 'PreferNoSchedule'),
    );
    return true;
  },
  score(cycle, node) {
    if (node.node.taints.length === 0) return 0;
    const tolerations = cycle.state.get(KEY) as Toleration[];
    let count = 0;
    for (const taint of node.node.taints) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      if (!tolerations.some((t) => toleratesTaint(t, taint))) count++;
    }
    return count;
  },
  normalize(_cycle, scores) {
    defaultNormalizeScore(scores, true);
  },
};
