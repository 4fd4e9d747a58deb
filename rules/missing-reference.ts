/**
 * Pods that refer to a ConfigMap, Secret, PersistentVolumeClaim or ServiceAccount that is not
 * deployed never start (CreateContainerConfigError, Pending, or a rejected pod).
 */
import type { Manifest } from '../src/core/types.js';
import { indexOf, objectLabel } from '../src/rules/format.js';
import type { ObjectIndex } from '../src/rules/object-index.js';
import { podReferencesOf, type PodReference } from '../src/rules/pod-refs.js';
import type { Rule } from '../src/rules/types.js';
import { arrayAt, getIn, isObj } from '../src/core/values.js';
import { podTemplateOf } from '../src/rules/workloads.js';

/** StatefulSets larger than this are not expanded into claim names (a linter must stay cheap). */
const MAX_EXPANDED_REPLICAS = 1000;

const rule: Rule = {
  id: 'missing-reference',
  severity: 'warning',
  category: 'consistency',
  description:
    'ConfigMaps, Secrets, PersistentVolumeClaims and ServiceAccounts used by pods should be defined in the inputs.',
  rationale: [
    'A pod that mounts or reads a ConfigMap or Secret that does not exist stays in `CreateContainerConfigError` or',
    '`ContainerCreating`; a missing PersistentVolumeClaim keeps it `Pending`; a missing ServiceAccount makes the',
    'API server reject the pod, so the Deployment shows no pods at all.',
    '',
    'References marked `optional: true` are skipped, the `default` ServiceAccount always exists, and claims created',
    "by a StatefulSet's `volumeClaimTemplates` (`<template>-<statefulset>-<ordinal>`) count as present. Objects",
    'created outside these inputs (sealed secrets, operators) are a warning; `requireRefs: true` (or',
    '`--require-refs`) makes every missing reference an error.',
    '',
    'Fix: add the object to the inputs, correct the name, or mark the reference `optional: true`.',
  ].join('\n'),
  kubeLinter: 'non-existent-service-account',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/',
    'https://kubernetes.io/docs/concepts/configuration/secret/',
    'https://kubernetes.io/docs/concepts/storage/persistent-volumes/#persistentvolumeclaims',
  ],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '      envFrom:',
      '        - configMapRef:',
      '            name: api-config',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '      envFrom:',
      '        - configMapRef:',
      '            name: api-config',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: api-config',
      'data:',
      '  LOG_LEVEL: info',
      '',
    ].join('\n'),
  },
  check(context) {
    const index = indexOf(context);
    const severity = context.options.requireRefs ? 'error' : undefined;
    for (const manifest of context.manifests) {
      const template = podTemplateOf(manifest);
      if (!template) continue;
      const namespace = index.namespaceOf(manifest);
      const reported = new Set<string>();
      for (const ref of podReferencesOf(template)) {
        const id = `${ref.kind}/${ref.name}`;
        if (ref.optional || reported.has(id) || exists(ref, manifest, namespace, index)) continue;
        reported.add(id);
        context.report({
          manifest,
          path: ref.path,
          ...(severity ? { severity } : {}),
          message: `${objectLabel(manifest)}: ${ref.kind} "${ref.name}" not found in namespace "${namespace}"`,
        });
      }
    }
  },
};

function exists(ref: PodReference, owner: Manifest, namespace: string, index: ObjectIndex): boolean {
  if (ref.kind === 'ServiceAccount' && ref.name === 'default') return true;
  if (index.find(ref.kind, namespace, ref.name)) return true;
  return ref.kind === 'PersistentVolumeClaim' && claimFromStatefulSet(ref.name, owner, namespace, index);
}

/** `data` in the StatefulSet that declares it, or `data-web-2` anywhere in the namespace. */
function claimFromStatefulSet(claim: string, owner: Manifest, namespace: string, index: ObjectIndex): boolean {
  if (owner.ref.kind === 'StatefulSet' && claimTemplateNames(owner).includes(claim)) return true;
  // `<template>-<statefulset>-<ordinal>`: the ordinal is digits only, so it follows the last hyphen.
  const dash = claim.lastIndexOf('-');
  const ordinal = claim.slice(dash + 1);
  if (dash < 0 || !/^(0|[1-9]\d*)$/.test(ordinal)) return false;
  const replicas = index.derived(statefulSetClaims).get(claimKey(namespace, claim.slice(0, dash + 1)));
  return replicas !== undefined && Number(ordinal) < replicas;
}

/** Per namespace and claim prefix `<template>-<statefulset>-`, the most replicas of a StatefulSet making such claims. */
function statefulSetClaims(index: ObjectIndex): Map<string, number> {
  const out = new Map<string, number>();
  for (const set of index.ofKind('StatefulSet')) {
    if (set.ref.name === undefined) continue;
    const replicas = getIn(set.object, ['spec', 'replicas']);
    const count = Math.min(typeof replicas === 'number' ? replicas : 1, MAX_EXPANDED_REPLICAS);
    if (Number.isNaN(count)) continue; // no ordinal is below NaN
    for (const template of claimTemplateNames(set)) {
      const key = claimKey(index.namespaceOf(set), `${template}-${set.ref.name}-`);
      out.set(key, Math.max(out.get(key) ?? -Infinity, count));
    }
  }
  return out;
}

function claimKey(namespace: string, prefix: string): string {
  return `${namespace}\u0000${prefix}`;
}

function claimTemplateNames(set: Manifest): string[] {
  return arrayAt(set.object, ['spec', 'volumeClaimTemplates']).flatMap((t) =>
    isObj(t) && isObj(t.metadata) && typeof t.metadata.name === 'string' ? [t.metadata.name] : [],
  );
}

export default rule;
