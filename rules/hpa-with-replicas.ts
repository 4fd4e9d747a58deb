/**
 * With an HPA in charge, a `replicas` field in the manifest resets the scale on every apply, so a
 * deploy during a traffic peak first scales the workload down.
 */
import { scaleTargetOf } from '../src/rules/autoscaling.js';
import { indexOf, objectLabel } from '../src/rules/format.js';
import { isKind } from '../src/k8s/kinds.js';
import type { Rule } from '../src/rules/types.js';
import { getIn } from '../src/core/values.js';

const rule: Rule = {
  id: 'hpa-with-replicas',
  severity: 'info',
  category: 'consistency',
  description: 'A Deployment or StatefulSet scaled by a HorizontalPodAutoscaler should not set spec.replicas.',
  rationale: [
    'The HorizontalPodAutoscaler owns the replica count of its target. If the manifest also sets `spec.replicas`,',
    'every `kubectl apply` (or GitOps sync) resets the count to that number until the HPA corrects it again, so a',
    'deploy during a traffic peak briefly scales the workload down.',
    '',
    "Fix: remove `spec.replicas` from the workload (set the floor with the HPA's `minReplicas`). When migrating a",
    'live object, see the Kubernetes docs on "Migrating Deployments and StatefulSets to horizontal autoscaling".',
  ].join('\n'),
  kubeScore: 'deployment-targeted-by-hpa-does-not-have-replicas-configured',
  references: [
    'https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/#migrating-deployments-and-statefulsets-to-horizontal-autoscaling',
  ],
  examples: {
    bad: [
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata:',
      '  name: api',
      'spec:',
      '  scaleTargetRef:',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      '    name: api',
      '  minReplicas: 2',
      '  maxReplicas: 10',
      '---',
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: api',
      'spec:',
      '  replicas: 3',
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
      '',
    ].join('\n'),
    good: [
      'apiVersion: autoscaling/v2',
      'kind: HorizontalPodAutoscaler',
      'metadata:',
      '  name: api',
      'spec:',
      '  scaleTargetRef:',
      '    apiVersion: apps/v1',
      '    kind: Deployment',
      '    name: api',
      '  minReplicas: 2',
      '  maxReplicas: 10',
      '---',
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
      '',
    ].join('\n'),
  },
  check(context) {
    const index = indexOf(context);
    for (const manifest of context.manifests) {
      if (!isKind(manifest, 'HorizontalPodAutoscaler')) continue;
      const target = scaleTargetOf(manifest, index)?.found;
      if (!target || !(isKind(target, 'Deployment') || isKind(target, 'StatefulSet'))) continue;
      if (getIn(target.object, ['spec', 'replicas']) === undefined) continue;
      context.report({
        manifest: target,
        path: ['spec', 'replicas'],
        target: 'key',
        message: `${objectLabel(target)}: spec.replicas is set, but ${objectLabel(manifest)} scales it; every apply resets the scale`,
      });
    }
  },
};

export default rule;
