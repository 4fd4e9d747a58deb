/**
 * NodeUnschedulable (kubernetes v1.30 pkg/scheduler/framework/plugins/nodeunschedulable): cordoned nodes take
 * only pods tolerating the unschedulable taint.
 */
import { toleratesTaint } from '../pod-info.js';
import { unresolvable, type Plugin } from '../framework.js';

export const NAME = 'NodeUnschedulable';
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
const UNSCHEDULABLE_TAINT = { key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' };

export const NodeUnschedulable: Plugin = {
  name: NAME,
  filter(cycle, node) {
    if (!node.node.unschedulable) return null;
    // A pod tolerating the unschedulable taint also tolerates spec.unschedulable (DaemonSet pods do).
    if (cycle.pod.tolerations.some((t) => toleratesTaint(t, UNSCHEDULABLE_TAINT))) return null;
    return unresolvable(NAME, ERR_REASON_UNSCHEDULABLE);
  },
};
