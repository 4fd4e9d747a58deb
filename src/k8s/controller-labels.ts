/**
 * Labels that controllers put on the pods they create, on top of the template's: known to the planner (which writes
 * them on its generated pods) and to the lint rules (a Service selecting `statefulset.kubernetes.io/pod-name` selects
 * a pod the StatefulSet creates). One source for both. Upstream (Kubernetes v1.36.0):
 * - Deployment → ReplicaSet: pod-template-hash (apps/v1 DefaultDeploymentUniqueLabelKey, pkg/controller/deployment/sync.go)
 * - StatefulSet: controller-revision-hash, statefulset.kubernetes.io/pod-name, apps.kubernetes.io/pod-index
 *   (pkg/controller/statefulset/stateful_set_utils.go initIdentity / updateIdentity)
 * - DaemonSet: controller-revision-hash, pod-template-generation (pkg/controller/daemon/util)
 * - Job: batch.kubernetes.io/job-name, job-name, batch.kubernetes.io/controller-uid, controller-uid, and for Indexed
 *   Jobs batch.kubernetes.io/job-completion-index (pkg/apis/batch/types.go, pkg/controller/job/indexed_job_utils.go)
 */
import type { Requirement } from './label-selector.js';

export const POD_TEMPLATE_HASH = 'pod-template-hash';
export const CONTROLLER_REVISION_HASH = 'controller-revision-hash';
export const STATEFULSET_POD_NAME = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX = 'apps.kubernetes.io/pod-index';
export const POD_TEMPLATE_GENERATION = 'pod-template-generation';
export const JOB_NAME = 'batch.kubernetes.io/job-name';
export const LEGACY_JOB_NAME = 'job-name';
export const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
export const LEGACY_CONTROLLER_UID = 'controller-uid';
export const JOB_COMPLETION_INDEX = 'batch.kubernetes.io/job-completion-index';

const BY_KIND: Readonly<Record<string, readonly string[]>> = {
  Deployment: [POD_TEMPLATE_HASH],
  StatefulSet: [CONTROLLER_REVISION_HASH, STATEFULSET_POD_NAME, POD_INDEX],
  DaemonSet: [CONTROLLER_REVISION_HASH, POD_TEMPLATE_GENERATION],
  Job: [JOB_NAME, LEGACY_JOB_NAME, CONTROLLER_UID, LEGACY_CONTROLLER_UID, JOB_COMPLETION_INDEX],
  CronJob: [JOB_NAME, LEGACY_JOB_NAME, CONTROLLER_UID, LEGACY_CONTROLLER_UID, JOB_COMPLETION_INDEX],
};

/** Every label key some controller adds at run time. */
export const RUN_TIME_LABEL_KEYS: ReadonlySet<string> = new Set(Object.values(BY_KIND).flat());

/** The label keys the controller of `kind` adds to the pods it creates (none for a bare Pod or unknown kinds). */
export function runTimeLabelKeys(kind: string): readonly string[] {
  return Object.prototype.hasOwnProperty.call(BY_KIND, kind) ? BY_KIND[kind]! : [];
}

/**
 * Whether pods of a `kind` workload may meet `requirement` on a run-time label, whose value is only known once the
 * pods exist (a hash, a pod name, an index): an In/Exists/NotIn requirement may be met; DoesNotExist never is (the
 * controller always sets the key). undefined when the controller of `kind` does not set that key.
 */
export function mayMeetRunTimeRequirement(kind: string, requirement: Requirement): boolean | undefined {
  if (!runTimeLabelKeys(kind).includes(requirement.key)) return undefined;
  return requirement.operator !== 'DoesNotExist';
}
