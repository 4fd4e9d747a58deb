/**
 * kubeplan's offline dry-run planner: what the Kubernetes controllers and the default kube-scheduler would do
 * with the given manifests on a given (or the default) cluster. Pure: no I/O, no clock, no randomness.
 * Reusable pieces for the rollout simulator are exported below.
 */
export {
  plan,
  DEFAULT_NOW,
  DEFAULT_SEED,
  MAX_PLANNED_PODS,
  MAX_SCHEDULING_WORK,
  TIE_BREAK,
  PlanOptionError,
  type PlanOptions,
} from './planner.js';
export type { WhatIfRequest } from './phases/what-if.js';
export type { PlanResult, NodeReport, PodReport, CronJobReport, ExplainReport, WhatIfReport } from './result.js';
export { renderPlanText, type RenderOptions } from './render.js';
export { planToJson } from './json.js';

// Building blocks.
export * as defaults from '../k8s/defaults.js';
export { parseQuantity, parseResource, milliValue, unitValue, formatResource, type Quantity } from '../k8s/quantity.js';
export {
  computeHash,
  controllerRevisionHash,
  safeEncodeString,
  NameGenerator,
  nameSuffix,
  ALPHANUMS,
  fnv32a,
  fnv32,
} from '../k8s/pod-template-hash.js';
export { newReplicaSetName, POD_TEMPLATE_HASH } from './controllers/deployment.js';
export { statefulSetPodName, claimName } from './controllers/statefulset.js';
export { daemonSetTolerations } from './controllers/daemonset.js';
export { podFromTemplate, type PlannedPod } from './pod.js';
export { compileLabelSelector, selectorFromMap, type Selector } from '../k8s/label-selector.js';
export { defaultCluster, clusterFromManifests, type ClusterModel } from './cluster.js';
export { parseCron, nextRuns } from '../k8s/cron.js';

// The scheduler: a mutable ClusterState and Scheduler.schedule(pod) → { node | null, reason }.
export { Scheduler, type ScheduleOptions } from './scheduler/scheduler.js';
export { DEFAULT_PROFILE, type Profile, type ProfileEntry } from './scheduler/profile.js';
export type { Plugin, Status, Diagnosis, Cycle, CycleState } from './scheduler/framework.js';
export { ClusterState, NodeState } from './scheduler/state.js';
export { buildSchedPod, podRequests, type PodInput } from './scheduler/pod-info.js';
export type { SchedPod, SchedNode, ScheduleResult, NodeExplain } from './scheduler/types.js';
