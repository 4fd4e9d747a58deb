/**
 * SchedulingGates (kubernetes v1.30 pkg/scheduler/framework/plugins/schedulinggates): PreEnqueue keeps a pod
 * with spec.schedulingGates out of the queue until every gate is removed.
 */
import { unresolvable, type Plugin } from '../framework.js';

export const NAME = 'SchedulingGates';

export const SchedulingGates: Plugin = {
  name: NAME,
  preEnqueue(pod) {
    if (pod.schedulingGates.length === 0) return null;
    return unresolvable(NAME, `waiting for scheduling gates: ${pod.schedulingGates.join(', ')}`);
  },
};
