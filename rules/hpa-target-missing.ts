/** An HPA whose scaleTargetRef names no object does nothing (it reports FailedGetScale forever). */
import { scaleTargetOf } from '../src/rules/autoscaling.js';
import { indexOf, objectLabel } from '../src/rules/format.js';
import { isKind } from '../src/k8s/kinds.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'hpa-target-missing',
  severity: 'warning',
  category: 'consistency',
  description: "A HorizontalPodAutoscaler's scaleTargetRef should name a workload defined in the inputs.",
  rationale: [
    'A HorizontalPodAutoscaler scales the object named by `spec.scaleTargetRef` (kind, name and apiVersion) in its',
    'own namespace. When there is no such object the HPA never scales anything and only reports',
    '`FailedGetScale`, typically after a workload was renamed or its kind changed (Deployment → StatefulSet).',
    '',
    'Fix: point `scaleTargetRef` at the workload (same kind, name and API group), or remove the HPA.',
  ].join('\n'),
  kubeLinter: 'dangling-horizontalpodautoscaler',
  kubeScore: 'horizontalpodautoscaler-has-target',
  references: ['https://kubernetes.io/docs/tasks/run-application/horizontal-pod-autoscale/'],
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
      const target = scaleTargetOf(manifest, index);
      if (!target || target.found) continue;
      context.report({
        manifest,
        path: ['spec', 'scaleTargetRef', 'name'],
        message: `${objectLabel(manifest)}: scale target ${target.kind} "${target.name}" not found in namespace "${index.namespaceOf(manifest)}"`,
      });
    }
  },
};

export default rule;
