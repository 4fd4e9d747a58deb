/**
 * Object names and namespaces the API server would reject (ValidateObjectMeta with each kind's
 * ValidateNameFunc in pkg/apis/*\/validation).
 */
import { dns1035Label, dns1123Label, dns1123Subdomain, pathSegmentName } from '../src/k8s/names.js';
import type { Manifest } from '../src/core/types.js';
import type { Rule } from '../src/rules/types.js';

type NameCheck = (name: string) => string[];

const DNS_LABEL_KINDS = new Set(['Namespace']);
const DNS1035_KINDS = new Set(['Service']);
const PATH_SEGMENT_KINDS = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);
/** Kinds whose name the API server checks as a DNS-1123 subdomain; unknown kinds and CRs are left alone. */
const SUBDOMAIN_KINDS = new Set([
  'Pod',
  'ConfigMap',
  'Secret',
  'ServiceAccount',
  'PersistentVolumeClaim',
  'PersistentVolume',
  'Node',
  'ReplicationController',
  'Deployment',
  'ReplicaSet',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'Ingress',
  'IngressClass',
  'NetworkPolicy',
  'PodDisruptionBudget',
  'HorizontalPodAutoscaler',
  'PriorityClass',
  'StorageClass',
  'LimitRange',
  'ResourceQuota',
  'Endpoints',
  'EndpointSlice',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
  'CustomResourceDefinition',
]);
/** CronJob appends an 11-character suffix to its Jobs' names; longer names cannot create Jobs (ValidateCronJob). */
const CRONJOB_NAME_MAX = 52;
/** A Job's name becomes the value of its batch.kubernetes.io/job-name label (≤ 63). */
const JOB_NAME_MAX = 63;

function checkFor(kind: string): NameCheck | undefined {
  if (DNS_LABEL_KINDS.has(kind)) return dns1123Label;
  if (DNS1035_KINDS.has(kind)) return dns1035Label;
  if (PATH_SEGMENT_KINDS.has(kind)) return pathSegmentName;
  if (SUBDOMAIN_KINDS.has(kind)) return dns1123Subdomain;
  return undefined;
}

const rule: Rule = {
  id: 'invalid-name',
  severity: 'error',
  category: 'validation',
  description: 'Object name or namespace the API server would reject',
  rationale:
    'Names are validated by the API server per kind: most must be DNS-1123 subdomains (lower case, digits, "-" and "."), ' +
    'Namespaces DNS-1123 labels (no dots, at most 63 characters), Services DNS-1035 labels (must start with a letter), ' +
    'CronJobs at most 52 characters and Jobs at most 63. `kubectl apply` fails on such objects. Rename the object.',
  references: ['https://kubernetes.io/docs/concepts/overview/working-with-objects/names/'],
  howToFix:
    "Rename the object to fit its kind's rule from the message: for most kinds lower-case letters, digits, `-` and `.` (a DNS subdomain, at most 253 characters); for Namespaces and Services a DNS label (at most 63 characters, no dots; a Service's must start with a letter). Update every reference to the old name.",
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: Shop_API',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: shop-api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const m of context.manifests) {
      const kind = m.ref.kind;
      if (!kind || kind.endsWith('List')) continue;
      const metadata = m.object.metadata;
      if (metadata === undefined || metadata === null) {
        // No metadata at all: the API server answers "resource name may not be empty". Only for built-in kinds:
        // tool configs (Kustomization, KubeletConfiguration) look like objects but are never applied.
        if (checkFor(kind))
          context.report({
            manifest: m,
            path: ['kind'],
            target: 'key',
            message: `${kind} has no metadata.name (name or generateName is required)`,
          });
        continue;
      }
      if (typeof metadata !== 'object' || Array.isArray(metadata)) continue; // a type error, reported by schema validation
      const meta = metadata as Record<string, unknown>;
      checkName(m, kind, meta, context.report);
      const ns = meta.namespace;
      if (typeof ns === 'string') {
        const errs = dns1123Label(ns);
        if (errs.length)
          context.report({
            manifest: m,
            path: ['metadata', 'namespace'],
            message: `metadata.namespace ${JSON.stringify(ns)}: ${errs.join('; ')}`,
          });
      }
    }
  },
};

function checkName(
  m: Manifest,
  kind: string,
  meta: Record<string, unknown>,
  report: Parameters<Rule['check']>[0]['report'],
) {
  const name = meta.name;
  if (name === undefined || name === null) {
    if (typeof meta.generateName !== 'string') {
      report({
        manifest: m,
        path: ['metadata'],
        target: 'key',
        message: `${kind} has no metadata.name (name or generateName is required)`,
      });
    }
    return;
  }
  if (typeof name !== 'string') return; // a type error, reported by schema validation
  if (name === '') {
    report({ manifest: m, path: ['metadata', 'name'], message: 'metadata.name must not be empty' });
    return;
  }
  const errs = [...(checkFor(kind)?.(name) ?? [])];
  if (kind === 'CronJob' && name.length > CRONJOB_NAME_MAX)
    errs.push(
      `must be no more than ${CRONJOB_NAME_MAX} characters (CronJob names get an 11-character suffix for their Jobs)`,
    );
  if (kind === 'Job' && name.length > JOB_NAME_MAX && name.length <= 253)
    errs.push(`must be no more than ${JOB_NAME_MAX} characters (it becomes the job-name label)`);
  if (errs.length)
    report({
      manifest: m,
      path: ['metadata', 'name'],
      message: `${kind} name ${JSON.stringify(name)}: ${errs.join('; ')}`,
    });
}

export default rule;
