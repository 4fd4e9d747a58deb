/**
 * TaintToleration (kubernetes v1.30 pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go).
 * Filter: the first NoSchedule/NoExecute taint the pod does not tolerate rejects the node.
 * Score: raw = PreferNoSchedule taints the pod does not tolerate (only its tolerations with effect
 * PreferNoSchedule or empty count); normalised reversed, so fewer is better and a cluster without such taints
 * gives every node 100.
 */
import { doNotScheduleTaint, firstUntoleratedTaint, toleratesTaint } from '../pod-info.js';
import { defaultNormalizeScore, stateKey, unresolvable, type Plugin } from '../framework.js';
import type { Toleration } from '../types.js';

export const NAME = 'TaintToleration';

/** PreScore state: the tolerations that matter for PreferNoSchedule taints. */
const PREFER_NO_SCHEDULE = stateKey<Toleration[]>(`PreScore${NAME}`);

export const TaintToleration: Plugin = {
  name: NAME,
  filter(cycle, node) {
    const taint = firstUntoleratedTaint(node.node.taints, cycle.pod.tolerations, doNotScheduleTaint);
    return taint ? unresolvable(NAME, `node(s) had untolerated taint {${taint.key}: ${taint.value}}`) : null;
  },
  preScore(cycle) {
    cycle.state.write(
      PREFER_NO_SCHEDULE,
      cycle.pod.tolerations.filter((t) => t.effect === '' || t.effect === 'PreferNoSchedule'),
    );
    return true;
  },
  score(cycle, node) {
    if (node.node.taints.length === 0) return 0;
    const tolerations = cycle.state.read(PREFER_NO_SCHEDULE) ?? [];
    let count = 0;
    for (const taint of node.node.taints) {
      if (taint.effect !== 'PreferNoSchedule') continue;
      if (!tolerations.some((t) => toleratesTaint(t, taint))) count++;
    }
    return count;
  },
  normalizeScore(_cycle, scores) {
    defaultNormalizeScore(scores, true);
  },
};
