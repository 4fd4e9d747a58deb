/**
 * Migrations that only change apiVersion: the newer version has the same fields with the same meaning.
 * Each one's guard names the exception the Deprecated API Migration Guide lists.
 */
import { isPlainObject } from '../../load/index.js';
import type { Migration } from './types.js';

/** batch/v1beta1 CronJob → batch/v1 (removed in 1.25): no field changes. */
export const cronJob: Migration = {
  from: ['batch/v1beta1'],
  kinds: ['CronJob'],
  to: 'batch/v1',
  summary: 'no field changes',
  edits: () => [],
};

/** networking.k8s.io/v1beta1 IngressClass → networking.k8s.io/v1 (removed in 1.22): no field changes. */
export const ingressClass: Migration = {
  from: ['networking.k8s.io/v1beta1'],
  kinds: ['IngressClass'],
  to: 'networking.k8s.io/v1',
  summary: 'no field changes',
  edits: () => [],
};

/**
 * policy/v1beta1 PodDisruptionBudget → policy/v1 (removed in 1.25). The one change in meaning: an empty
 * `spec.selector` ({} or {matchLabels: {}}) selects no pods in v1beta1 but every pod of the namespace in v1, so such
 * an object is not migrated by a fix.
 */
export const podDisruptionBudget: Migration = {
  from: ['policy/v1beta1'],
  kinds: ['PodDisruptionBudget'],
  to: 'policy/v1',
  summary: 'no field changes; not offered when `spec.selector` is empty (it selects no pods in v1beta1, all in v1)',
  edits: ({ manifest }) => {
    const spec = manifest.object.spec;
    const selector = isPlainObject(spec) ? spec.selector : undefined;
    if (!isPlainObject(selector)) return [];
    const labels = isPlainObject(selector.matchLabels) ? Object.keys(selector.matchLabels).length : 0;
    const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions.length : 0;
    return labels + expressions === 0 ? undefined : [];
  },
};

/**
 * APIs whose replacement has the same fields and defaults: the Deprecated API Migration Guide lists "no notable
 * changes" for each (removed in 1.16: NetworkPolicy; in 1.22: APIService, Lease, PriorityClass, RBAC, StorageClass,
 * VolumeAttachment; in 1.25: RuntimeClass; in 1.27: CSIStorageCapacity).
 */
export const sameFields: readonly Migration[] = (
  [
    ['extensions/v1beta1', ['NetworkPolicy'], 'networking.k8s.io/v1'],
    ['apiregistration.k8s.io/v1beta1', ['APIService'], 'apiregistration.k8s.io/v1'],
    ['coordination.k8s.io/v1beta1', ['Lease'], 'coordination.k8s.io/v1'],
    ['scheduling.k8s.io/v1beta1', ['PriorityClass'], 'scheduling.k8s.io/v1'],
    [
      'rbac.authorization.k8s.io/v1beta1',
      ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
      'rbac.authorization.k8s.io/v1',
    ],
    ['storage.k8s.io/v1beta1', ['StorageClass', 'VolumeAttachment', 'CSIStorageCapacity'], 'storage.k8s.io/v1'],
    ['node.k8s.io/v1beta1', ['RuntimeClass'], 'node.k8s.io/v1'],
  ] as const
).map(([from, kinds, to]) => ({ from: [from], kinds, to, summary: 'no field changes', edits: () => [] }));
