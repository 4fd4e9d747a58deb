/** TaintToleration filter (plugins/tainttoleration): the first NoSchedule/NoExecute taint the pod does not tolerate rejects the node. */
import { doNotScheduleTaint, firstUntoleratedTaint } from '../pod-info.js';
import type { FilterPlugin } from '../framework.js';

export const TaintTolerationFilter: FilterPlugin = {
  name: 'TaintToleration',
  filter(cycle, node) {
    const taint = firstUntoleratedTaint(node.node.taints, cycle.pod.tolerations, doNotScheduleTaint);
    return taint ? [`node(s) had untolerated taint {${taint.key}: ${taint.value}}`] : null;
  },
};
