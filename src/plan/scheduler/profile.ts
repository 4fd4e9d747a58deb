/**
 * The default scheduler profile: kube-scheduler's MultiPoint plugin list in its order, with the score weights
 * (kubernetes v1.30 pkg/scheduler/apis/config/v1/default_plugins.go, getDefaultPlugins). Every extension point
 * runs the plugins implementing it in this order; a plugin without a weight scores with weight 1 (upstream
 * default), which is why NodePorts or NodeName list none: they have no Score.
 *
 * Adding a plugin = one file in plugins/ plus one line here. Plugins kubeplan does not model yet are kept as
 * comments at their upstream position so the order stays the real one.
 */
import type { Plugin } from './framework.js';
import { NodeResourcesBalancedAllocation } from './plugins/balanced-allocation.js';
import { DefaultPreemption } from './plugins/default-preemption.js';
import { DynamicResources } from './plugins/dynamic-resources.js';
import { ImageLocality } from './plugins/image-locality.js';
import { InterPodAffinity } from './plugins/inter-pod-affinity.js';
import { NodeAffinity } from './plugins/node-affinity.js';
import { NodeName } from './plugins/node-name.js';
import { NodePorts } from './plugins/node-ports.js';
import { NodeResourcesFit } from './plugins/node-resources-fit.js';
import { NodeUnschedulable } from './plugins/node-unschedulable.js';
import { PodTopologySpread } from './plugins/pod-topology-spread.js';
import { SchedulingGates } from './plugins/scheduling-gates.js';
import { TaintToleration } from './plugins/taint-toleration.js';
import { VolumeBinding } from './plugins/volume-binding.js';
import { VolumeZone } from './plugins/volume-zone.js';

export interface ProfileEntry {
  plugin: Plugin;
  /** Score weight (config.Plugin.Weight); only read for plugins with a Score. Default 1. */
  weight?: number;
}

export interface Profile {
  schedulerName: string;
  plugins: readonly ProfileEntry[];
}

export const DEFAULT_PROFILE: Profile = {
  schedulerName: 'default-scheduler',
  plugins: [
    { plugin: SchedulingGates },
    // PrioritySort (QueueSort): the planner's queue orders by priority, then creation order (phases/schedule.ts).
    { plugin: NodeUnschedulable },
    { plugin: NodeName },
    { plugin: TaintToleration, weight: 3 },
    { plugin: NodeAffinity, weight: 2 },
    { plugin: NodePorts },
    { plugin: NodeResourcesFit, weight: 1 },
    // VolumeRestrictions, NodeVolumeLimits (and the in-tree EBSLimits, GCEPDLimits, AzureDiskLimits): not modelled yet.
    { plugin: VolumeBinding },
    { plugin: VolumeZone },
    { plugin: PodTopologySpread, weight: 2 },
    { plugin: InterPodAffinity, weight: 2 },
    // DynamicResources: on from v1.34 (DynamicResourceAllocation); only its PostFilter message is modelled.
    { plugin: DynamicResources },
    { plugin: DefaultPreemption },
    { plugin: NodeResourcesBalancedAllocation, weight: 1 },
    { plugin: ImageLocality, weight: 1 },
    // DefaultBinder (Bind): binding is ClusterState.add.
  ],
};
