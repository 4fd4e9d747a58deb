/**
 * DynamicResources, only its PostFilter for a pod without ResourceClaims (kubernetes v1.36
 * pkg/scheduler/framework/plugins/dynamicresources/dynamicresources.go): with DynamicResourceAllocation on (default
 * from v1.34) the plugin is in the default profile just before DefaultPreemption, and for a pod with no claims its
 * PostFilter answers Unschedulable "no new claims to deallocate" — which the FailedScheduling message carries ahead
 * of preemption's sentence. ResourceClaims themselves are not modelled.
 */
import { featureEnabled } from '../../../k8s/feature-gates.js';
import { unschedulable, type Plugin } from '../framework.js';

export const NAME = 'DynamicResources';
export const NO_CLAIMS = 'no new claims to deallocate';

export const DynamicResources: Plugin = {
  name: NAME,
  postFilter(cycle) {
    if (!featureEnabled('DynamicResourceAllocation', cycle.env.kubeVersion)) return null;
    return unschedulable(NAME, NO_CLAIMS);
  },
};
