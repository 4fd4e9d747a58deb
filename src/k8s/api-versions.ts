/**
 * Deprecated and removed built-in API versions, from the Kubernetes Deprecated API Migration
 * Guide (kubernetes.io/docs/reference/using-api/deprecation-guide/) and the API server's
 * deprecation warnings. Used by the `deprecated-api-version` rule (deprecated, still served)
 * and by schema validation's `api/removed-version` (no longer served).
 *
 * `deprecatedIn` is the release whose API server first warns (or, for the oldest entries, the
 * release that shipped the stable replacement); `removedIn` the first release that no longer
 * serves the version. Only versions enabled by default are listed (alpha APIs are not).
 */

export type ApiVersionState = 'ok' | 'deprecated' | 'removed';

export interface ApiVersionStatus {
  status: ApiVersionState;
  /** The apiVersion to migrate to, the newest one served by the target version (absent when there is none). */
  replacement?: string;
  /** Set when the replacement is a different kind (v1 Endpoints → discovery.k8s.io/v1 EndpointSlice). */
  replacementKind?: string;
  /** Release that deprecated it, "1.21". */
  since?: string;
  /** Release that stopped serving it, "1.25" (absent when no removal is planned). */
  removedIn?: string;
  /** Extra migration advice (e.g. what replaces an API that has no successor). */
  note?: string;
}

interface Replacement {
  apiVersion: string;
  kind?: string;
  /** Release that first served it. */
  since: string;
}

interface Change {
  apiVersion: string;
  kinds: readonly string[];
  deprecatedIn: string;
  removedIn?: string;
  /** Oldest first. */
  replacements: readonly Replacement[];
  note?: string;
}

const APPS_V1: readonly Replacement[] = [{ apiVersion: 'apps/v1', since: '1.9' }];
const FLOWCONTROL = ['FlowSchema', 'PriorityLevelConfiguration'];

const CHANGES: readonly Change[] = [
  // Removed in 1.16
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['DaemonSet', 'Deployment', 'ReplicaSet'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacements: APPS_V1,
  },
  {
    apiVersion: 'apps/v1beta1',
    kinds: ['Deployment', 'StatefulSet', 'ControllerRevision'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacements: APPS_V1,
  },
  {
    apiVersion: 'apps/v1beta2',
    kinds: ['DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet', 'ControllerRevision'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacements: APPS_V1,
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['NetworkPolicy'],
    deprecatedIn: '1.9',
    removedIn: '1.16',
    replacements: [{ apiVersion: 'networking.k8s.io/v1', since: '1.8' }],
  },
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: '1.11',
    removedIn: '1.16',
    replacements: [{ apiVersion: 'policy/v1beta1', since: '1.10' }],
    note: 'PodSecurityPolicy itself was removed in 1.25: use Pod Security Admission',
  },
  // Removed in 1.22
  {
    apiVersion: 'extensions/v1beta1',
    kinds: ['Ingress'],
    deprecatedIn: '1.14',
    removedIn: '1.22',
    replacements: [
      { apiVersion: 'networking.k8s.io/v1beta1', since: '1.14' },
      { apiVersion: 'networking.k8s.io/v1', since: '1.19' },
    ],
  },
  {
    apiVersion: 'networking.k8s.io/v1beta1',
    kinds: ['Ingress', 'IngressClass'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'networking.k8s.io/v1', since: '1.19' }],
  },
  {
    apiVersion: 'admissionregistration.k8s.io/v1beta1',
    kinds: ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'],
    deprecatedIn: '1.16',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'admissionregistration.k8s.io/v1', since: '1.16' }],
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1beta1',
    kinds: ['CustomResourceDefinition'],
    deprecatedIn: '1.16',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'apiextensions.k8s.io/v1', since: '1.16' }],
  },
  {
    apiVersion: 'apiregistration.k8s.io/v1beta1',
    kinds: ['APIService'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'apiregistration.k8s.io/v1', since: '1.10' }],
  },
  {
    apiVersion: 'authentication.k8s.io/v1beta1',
    kinds: ['TokenReview'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'authentication.k8s.io/v1', since: '1.6' }],
  },
  {
    apiVersion: 'authorization.k8s.io/v1beta1',
    kinds: ['LocalSubjectAccessReview', 'SelfSubjectAccessReview', 'SubjectAccessReview', 'SelfSubjectRulesReview'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'authorization.k8s.io/v1', since: '1.6' }],
  },
  {
    apiVersion: 'certificates.k8s.io/v1beta1',
    kinds: ['CertificateSigningRequest'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'certificates.k8s.io/v1', since: '1.19' }],
  },
  {
    apiVersion: 'coordination.k8s.io/v1beta1',
    kinds: ['Lease'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'coordination.k8s.io/v1', since: '1.14' }],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1beta1',
    kinds: ['ClusterRole', 'ClusterRoleBinding', 'Role', 'RoleBinding'],
    deprecatedIn: '1.17',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'rbac.authorization.k8s.io/v1', since: '1.8' }],
  },
  {
    apiVersion: 'scheduling.k8s.io/v1beta1',
    kinds: ['PriorityClass'],
    deprecatedIn: '1.17',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'scheduling.k8s.io/v1', since: '1.14' }],
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIDriver'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'storage.k8s.io/v1', since: '1.19' }],
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSINode'],
    deprecatedIn: '1.17',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'storage.k8s.io/v1', since: '1.17' }],
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['StorageClass'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'storage.k8s.io/v1', since: '1.6' }],
  },
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['VolumeAttachment'],
    deprecatedIn: '1.19',
    removedIn: '1.22',
    replacements: [{ apiVersion: 'storage.k8s.io/v1', since: '1.13' }],
  },
  // Removed in 1.25
  {
    apiVersion: 'batch/v1beta1',
    kinds: ['CronJob'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacements: [{ apiVersion: 'batch/v1', since: '1.21' }],
  },
  {
    apiVersion: 'discovery.k8s.io/v1beta1',
    kinds: ['EndpointSlice'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacements: [{ apiVersion: 'discovery.k8s.io/v1', since: '1.21' }],
  },
  {
    apiVersion: 'events.k8s.io/v1beta1',
    kinds: ['Event'],
    deprecatedIn: '1.19',
    removedIn: '1.25',
    replacements: [{ apiVersion: 'events.k8s.io/v1', since: '1.19' }],
  },
  {
    apiVersion: 'autoscaling/v2beta1',
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: '1.22',
    removedIn: '1.25',
    replacements: [
      { apiVersion: 'autoscaling/v2beta2', since: '1.12' },
      { apiVersion: 'autoscaling/v2', since: '1.23' },
    ],
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodDisruptionBudget'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacements: [{ apiVersion: 'policy/v1', since: '1.21' }],
  },
  {
    apiVersion: 'policy/v1beta1',
    kinds: ['PodSecurityPolicy'],
    deprecatedIn: '1.21',
    removedIn: '1.25',
    replacements: [],
    note: 'there is no replacement API: enforce the Pod Security Standards with Pod Security Admission (namespace labels) or a policy engine',
  },
  {
    apiVersion: 'node.k8s.io/v1beta1',
    kinds: ['RuntimeClass'],
    deprecatedIn: '1.20',
    removedIn: '1.25',
    replacements: [{ apiVersion: 'node.k8s.io/v1', since: '1.20' }],
  },
  // Removed in 1.26
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta1',
    kinds: FLOWCONTROL,
    deprecatedIn: '1.23',
    removedIn: '1.26',
    replacements: [
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2', since: '1.23' },
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', since: '1.26' },
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', since: '1.29' },
    ],
  },
  {
    apiVersion: 'autoscaling/v2beta2',
    kinds: ['HorizontalPodAutoscaler'],
    deprecatedIn: '1.23',
    removedIn: '1.26',
    replacements: [{ apiVersion: 'autoscaling/v2', since: '1.23' }],
  },
  // Removed in 1.27
  {
    apiVersion: 'storage.k8s.io/v1beta1',
    kinds: ['CSIStorageCapacity'],
    deprecatedIn: '1.24',
    removedIn: '1.27',
    replacements: [{ apiVersion: 'storage.k8s.io/v1', since: '1.24' }],
  },
  // Removed in 1.29
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta2',
    kinds: FLOWCONTROL,
    deprecatedIn: '1.26',
    removedIn: '1.29',
    replacements: [
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3', since: '1.26' },
      { apiVersion: 'flowcontrol.apiserver.k8s.io/v1', since: '1.29' },
    ],
  },
  // Removed in 1.32
  {
    apiVersion: 'flowcontrol.apiserver.k8s.io/v1beta3',
    kinds: FLOWCONTROL,
    deprecatedIn: '1.29',
    removedIn: '1.32',
    replacements: [{ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', since: '1.29' }],
  },
  // Deprecated, no removal planned
  {
    apiVersion: 'v1',
    kinds: ['ComponentStatus'],
    deprecatedIn: '1.19',
    replacements: [],
    note: "query the components' health endpoints (/livez, /readyz) instead",
  },
  {
    apiVersion: 'v1',
    kinds: ['Endpoints'],
    deprecatedIn: '1.33',
    replacements: [{ apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', since: '1.21' }],
  },
];

const BY_KEY = new Map<string, Change>();
for (const change of CHANGES) for (const kind of change.kinds) BY_KEY.set(`${change.apiVersion} ${kind}`, change);

/** Every (apiVersion, kind) the table knows, for documentation and tests. */
export function knownApiVersionChanges(): ReadonlyArray<{
  apiVersion: string;
  kind: string;
  deprecatedIn: string;
  removedIn?: string;
}> {
  return CHANGES.flatMap((c) =>
    c.kinds.map((kind) => ({
      apiVersion: c.apiVersion,
      kind,
      deprecatedIn: c.deprecatedIn,
      ...(c.removedIn ? { removedIn: c.removedIn } : {}),
    })),
  );
}

/** "1.34", "v1.34", "1.34.2", "v1.34.0-rc.1" → minor 34 (major must be 1); undefined when unreadable. */
export function parseKubeVersion(version: string): number | undefined {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?(?:[-+].*)?$/.exec(version.trim());
  if (!match || match[1] !== '1') return undefined;
  return Number(match[2]);
}

function minorOf(version: string): number {
  return parseKubeVersion(version) ?? Number.POSITIVE_INFINITY;
}

/**
 * How `kubeVersion` (e.g. "1.34") treats `apiVersion` + `kind`. An unreadable kubeVersion counts
 * as the newest release. Unknown combinations (custom resources, current versions) are 'ok'.
 */
export function apiVersionStatus(apiVersion: string, kind: string, kubeVersion: string): ApiVersionStatus {
  const change = BY_KEY.get(`${apiVersion} ${kind}`);
  if (!change) return { status: 'ok' };
  const target = parseKubeVersion(kubeVersion) ?? Number.POSITIVE_INFINITY;
  if (target < minorOf(change.deprecatedIn)) return { status: 'ok' };
  const removed = change.removedIn !== undefined && target >= minorOf(change.removedIn);
  const status: ApiVersionStatus = { status: removed ? 'removed' : 'deprecated', since: change.deprecatedIn };
  if (change.removedIn !== undefined) status.removedIn = change.removedIn;
  const replacement = pickReplacement(change.replacements, target);
  if (replacement) {
    status.replacement = replacement.apiVersion;
    if (replacement.kind !== undefined) status.replacementKind = replacement.kind;
  }
  if (change.note !== undefined) status.note = change.note;
  return status;
}

/** The newest replacement served by the target release, else the oldest one (to name something to plan for). */
function pickReplacement(replacements: readonly Replacement[], target: number): Replacement | undefined {
  const served = replacements.filter((r) => minorOf(r.since) <= target);
  return served[served.length - 1] ?? replacements[0];
}

/**
 * One sentence for a finding: "batch/v1beta1 CronJob is deprecated since Kubernetes 1.21 and no longer
 * served from 1.25; use batch/v1". '' for 'ok'.
 */
export function describeApiVersionStatus(apiVersion: string, kind: string, status: ApiVersionStatus): string {
  if (status.status === 'ok') return '';
  const what = `${apiVersion} ${kind}`;
  const state =
    status.status === 'removed'
      ? `is no longer served since Kubernetes ${status.removedIn}`
      : `is deprecated since Kubernetes ${status.since}${status.removedIn ? ` and no longer served from ${status.removedIn}` : ''}`;
  const advice: string[] = [];
  if (status.replacement)
    advice.push(`use ${status.replacement}${status.replacementKind ? ` ${status.replacementKind}` : ''}`);
  if (status.note) advice.push(status.note);
  return `${what} ${state}${advice.length > 0 ? `; ${advice.join('; ')}` : ''}`;
}
