/**
 * VolumeZone (kubernetes v1.36 pkg/scheduler/framework/plugins/volumezone/volume_zone.go): a node with zone or
 * region labels must match the zone/region labels of the pod's bound PersistentVolumes
 * ("node(s) had no available volume zone"). Unbound WaitForFirstConsumer claims are VolumeBinding's business.
 */
import { unresolvable, type Plugin } from '../framework.js';
import { ERR_REASON_ZONE_CONFLICT } from '../volume-state.js';

export const NAME = 'VolumeZone';

export const VolumeZone: Plugin = {
  name: NAME,
  preFilter(cycle) {
    // PreFilter: a pod without PersistentVolumeClaims needs no zone check on any node (framework.Skip).
    const volumes = cycle.env.volumes;
    return !volumes || !volumes.hasClaims(cycle.pod) ? { skip: true } : null;
  },
  filter(cycle, node) {
    const volumes = cycle.env.volumes;
    if (!volumes || !volumes.zoneConflict(cycle.pod, node.node)) return null;
    return unresolvable(NAME, ERR_REASON_ZONE_CONFLICT);
  },
};
