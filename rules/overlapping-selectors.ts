/**
 * Two controllers whose selectors pick the same pods fight over them: ReplicaSets adopt and delete
 * each other's orphans, Deployments count foreign pods as their own, and rollouts stall. Kubernetes
 * does not prevent it ("it is up to you to ensure selectors do not overlap").
 */
import type { Manifest } from '../src/core/types.js';
import { indexOf, objectLabel } from '../src/rules/format.js';
import { groupOf } from '../src/k8s/kinds.js';
import type { Rule } from '../src/rules/types.js';
import { isObj } from '../src/core/values.js';
import { controllerSelectorOf, type PodTemplate } from '../src/rules/workloads.js';

/** Pods of these kinds can be claimed by another controller; Job pods carry a unique controller-uid label. */
const CLAIMABLE = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'ReplicationController']);

const rule: Rule = {
  id: 'overlapping-selectors',
  severity: 'warning',
  category: 'consistency',
  description: "A workload's selector must not also match the pods of another workload in the same namespace.",
  rationale: [
    'Controllers find their pods by label selector. When the selector of one Deployment, ReplicaSet, StatefulSet,',
    "DaemonSet or ReplicationController also matches another workload's pod template, the two compete for the",
    'same pods: ReplicaSets adopt orphans of the other, Deployments miscount available replicas, and rollouts',
    'stall. Services and PodDisruptionBudgets built on the same labels then mix both sets of pods.',
    '',
    'Fix: give each workload a distinguishing label (for example `app.kubernetes.io/name` plus',
    '`app.kubernetes.io/component`) and include it in both the selector and the template labels.',
  ].join('\n'),
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
    'https://kubernetes.io/docs/concepts/workloads/controllers/deployment/#label-selector-updates',
  ],
  examples: {
    bad: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    matchLabels:',
      '      app: api',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: api',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/shop/api:1.4.2',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api-canary',
      'spec:',
      '  selector:',
      '    matchLabels:',
      '      app: api',
      '      track: canary',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: api',
      '        track: canary',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
    good: [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    matchLabels:',
      '      app: api',
      '      track: stable',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: api',
      '        track: stable',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/shop/api:1.4.2',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api-canary',
      'spec:',
      '  selector:',
      '    matchLabels:',
      '      app: api',
      '      track: canary',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: api',
      '        track: canary',
      '    spec:',
      '      containers:',
      '        - name: api',
      '          image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    const index = indexOf(context);
    for (const manifest of context.manifests) {
      const owned = controllerSelectorOf(manifest);
      // Invalid and empty selectors are workload-selector-mismatch findings already.
      if (!owned || owned.selector.type !== 'requirements') continue;
      const others = index
        .selectTemplates(index.namespaceOf(manifest), owned.selector)
        .filter((t) => CLAIMABLE.has(t.kind) && !sameObject(manifest, t.manifest) && !related(manifest, t));
      if (others.length === 0) continue;
      const all = [...new Set(others.map((t) => objectLabel(t.manifest)))];
      const names = all.slice(0, 3);
      if (all.length > 3) names.push(`${all.length - 3} more`);
      context.report({
        manifest,
        path: owned.path,
        message: `${objectLabel(manifest)}: selector also matches the pods of ${names.join(', ')}`,
      });
    }
  },
};

/** The object itself, or another definition of it (duplicate-object reports those). */
function sameObject(a: Manifest, b: Manifest): boolean {
  return (
    a === b ||
    (a.ref.kind === b.ref.kind && a.ref.name === b.ref.name && groupOf(a.ref.apiVersion) === groupOf(b.ref.apiVersion))
  );
}

/** A ReplicaSet owned by the Deployment (as in `kubectl get -o yaml` dumps) is not a competitor. */
function related(a: Manifest, b: PodTemplate): boolean {
  return ownedBy(b.manifest, a) || ownedBy(a, b.manifest);
}

function ownedBy(child: Manifest, parent: Manifest): boolean {
  const metadata = child.object.metadata;
  const owners = isObj(metadata) && Array.isArray(metadata.ownerReferences) ? metadata.ownerReferences : [];
  return owners.some((o) => isObj(o) && o.kind === parent.ref.kind && o.name === parent.ref.name);
}

export default rule;
