/**
 * VolumeBinding (kubernetes v1.36 pkg/scheduler/framework/plugins/volumebinding/volume_binding.go): PreFilter
 * rejects a pod whose Immediate claims are still unbound; Filter asks the binder whether the node can use the
 * pod's bound volumes (node affinity) and bind or provision its WaitForFirstConsumer claims; Reserve assumes the
 * chosen volumes. Both failures are UnschedulableAndUnresolvable. Without a volume model (rollouts) it does
 * nothing. Not modelled: the local-volume node narrowing of PreFilter (GetEligibleNodes), CSIStorageCapacity,
 * and the alpha capacity scoring.
 */
import { unresolvable, type Plugin } from '../framework.js';
import { ERR_UNBOUND_IMMEDIATE } from '../volume-state.js';

export const NAME = 'VolumeBinding';

export const VolumeBinding: Plugin = {
  name: NAME,
  preFilter(cycle) {
    const volumes = cycle.env.volumes;
    if (!volumes || !volumes.hasClaims(cycle.pod)) return { skip: true }; // no PVCs: framework.Skip
    if (volumes.unboundImmediate(cycle.pod)) return unresolvable(NAME, ERR_UNBOUND_IMMEDIATE);
    return null;
  },
  filter(cycle, node) {
    const volumes = cycle.env.volumes;
    if (!volumes || !volumes.hasClaims(cycle.pod)) return null;
    const reasons = volumes.findPodVolumes(cycle.pod, node.node);
    return reasons.length > 0 ? unresolvable(NAME, ...reasons) : null;
  },
  reserve(cycle, node) {
    cycle.env.volumes?.assume(cycle.pod, node.node);
    return null;
  },
};
