/** NodeUnschedulable (plugins/nodeunschedulable): cordoned nodes take only pods tolerating the unschedulable taint. */
import { toleratesTaint } from '../pod-info.js';
import type { FilterPlugin } from '../framework.js';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };

export const NodeUnschedulable: FilterPlugin = {
  name: 'NodeUnschedulable',
  filter(cycle, node) {
    if (!node.node.unschedulable) return null;
    // A pod tolerating the unschedulable taint also tolerates spec.unschedulable (DaemonSet pods do).
    if (cycle.pod.tolerations.some((t) => toleratesTaint(t, UNSCHEDULABLE_TAINT))) return null;
    return [ERR_REASON_UNSCHEDULABLE];
  },
};
