/**
 * Which object is which: built-in kinds are recognised by kind *and* API group, so a
 * Knative `serving.knative.dev/v1 Service` or an Argo `Rollout` is never mistaken for a core one.
 */
import { own } from '../core/dict.js';
import type { Manifest } from '../core/types.js';

/** API group of an apiVersion: "apps/v1" → "apps", "v1" → "" (the core group). */
export function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Groups each built-in kind has been served from (legacy groups included: old manifests still use them). */
const BUILTIN_GROUPS: Readonly<Record<string, readonly string[]>> = {
  ConfigMap: [''],
  Pod: [''],
  PersistentVolumeClaim: [''],
  ReplicationController: [''],
  Secret: [''],
  Service: [''],
  ServiceAccount: [''],
  DaemonSet: ['apps', 'extensions'],
  Deployment: ['apps', 'extensions'],
  ReplicaSet: ['apps', 'extensions'],
  StatefulSet: ['apps'],
  CronJob: ['batch'],
  Job: ['batch'],
  HorizontalPodAutoscaler: ['autoscaling'],
  Ingress: ['networking.k8s.io', 'extensions'],
  NetworkPolicy: ['networking.k8s.io', 'extensions'],
  PodDisruptionBudget: ['policy'],
  // Cluster-scoped objects the planner reads.
  Namespace: [''],
  Node: [''],
  PersistentVolume: [''],
  PriorityClass: ['scheduling.k8s.io'],
  RuntimeClass: ['node.k8s.io'],
  StorageClass: ['storage.k8s.io'],
  IngressClass: ['networking.k8s.io'],
  EndpointSlice: ['discovery.k8s.io'],
  Endpoints: [''],
};

export type BuiltinKind = keyof typeof BUILTIN_GROUPS;

/**
 * True when `manifest` is the built-in `kind` (right kind, right API group, any served version). The one test the
 * rules, the planner and the rollout simulator use, so a custom resource named like a built-in kind
 * (`example.com/v1 Deployment`, Knative's `serving.knative.dev/v1 Service`) is never planned, routed or rolled out.
 */
export function isKind(manifest: Manifest, kind: BuiltinKind): boolean {
  return isBuiltinObject(manifest.object, kind);
}

/** The same test on a raw object (`apiVersion` + `kind`), for objects that are not Manifests (cluster files). */
export function isBuiltinObject(object: unknown, kind: BuiltinKind): boolean {
  if (typeof object !== 'object' || object === null) return false;
  const { apiVersion, kind: k } = object as { apiVersion?: unknown; kind?: unknown };
  if (k !== kind) return false;
  return (own(BUILTIN_GROUPS, kind) ?? []).includes(groupOf(typeof apiVersion === 'string' ? apiVersion : undefined));
}

/** The default group of a built-in kind (for references that name only a kind). */
export function builtinGroup(kind: string): string | undefined {
  return own(BUILTIN_GROUPS, kind)?.[0];
}

/** True when `group` serves the built-in `kind` (any group for kinds this table does not know). */
export function servesKind(group: string, kind: string): boolean {
  const groups = own(BUILTIN_GROUPS, kind);
  return groups === undefined || groups.includes(group);
}

/** Cluster-scoped built-in kinds: metadata.namespace means nothing for them. */
const CLUSTER_SCOPED = new Set([
  'APIService',
  'CSIDriver',
  'CSINode',
  'CertificateSigningRequest',
  'ClusterRole',
  'ClusterRoleBinding',
  'ComponentStatus',
  'CustomResourceDefinition',
  'FlowSchema',
  'IngressClass',
  'MutatingWebhookConfiguration',
  'Namespace',
  'Node',
  'PersistentVolume',
  'PriorityClass',
  'PriorityLevelConfiguration',
  'RuntimeClass',
  'StorageClass',
  'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding',
  'ValidatingWebhookConfiguration',
  'VolumeAttachment',
]);

export function isClusterScoped(kind: string | undefined): boolean {
  return kind !== undefined && CLUSTER_SCOPED.has(kind);
}
