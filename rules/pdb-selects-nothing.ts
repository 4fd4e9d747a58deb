/** A PodDisruptionBudget that selects no pods protects nothing during node drains. */
import { indexOf, objectLabel } from '../src/rules/format.js';
import { isKind } from '../src/k8s/kinds.js';
import { describeUnmatched } from '../src/rules/matching.js';
import { pdbSelector } from '../src/rules/pdb.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'pdb-selects-nothing',
  severity: 'warning',
  category: 'consistency',
  description: "A PodDisruptionBudget's selector should match the pods of a workload in its namespace.",
  rationale: [
    'A PodDisruptionBudget limits voluntary evictions (node drains, cluster upgrades) of the pods its selector',
    'matches. With no selector, or one that matches no pod template in the inputs, it protects nothing and a drain',
    'can take every replica down at once. In policy/v1 an empty selector (`{}`) selects every pod in the',
    'namespace; in policy/v1beta1 it selected none.',
    '',
    'Fix: copy the selector of the workload it is meant to protect.',
  ].join('\n'),
  references: [
    'https://kubernetes.io/docs/tasks/run-application/configure-pdb/',
    'https://kubernetes.io/docs/concepts/workloads/pods/disruptions/',
  ],
  examples: {
    bad: [
      'apiVersion: policy/v1',
      'kind: PodDisruptionBudget',
      'metadata:',
      '  name: api',
      'spec:',
      '  maxUnavailable: 1',
      '  selector:',
      '    matchLabels:',
      '      app: apiserver',
      '  unhealthyPodEvictionPolicy: AlwaysAllow',
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
      'apiVersion: policy/v1',
      'kind: PodDisruptionBudget',
      'metadata:',
      '  name: api',
      'spec:',
      '  maxUnavailable: 1',
      '  selector:',
      '    matchLabels:',
      '      app: api',
      '  unhealthyPodEvictionPolicy: AlwaysAllow',
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
  },
  check(context) {
    const index = indexOf(context);
    for (const manifest of context.manifests) {
      if (!isKind(manifest, 'PodDisruptionBudget')) continue;
      const selector = pdbSelector(manifest);
      const name = objectLabel(manifest);
      if (selector.type === 'nothing') {
        context.report({
          manifest,
          path: ['spec', 'selector'],
          target: 'key',
          message: `${name}: no selector (or an empty one in policy/v1beta1), so it protects no pods`,
        });
        continue;
      }
      if (selector.type !== 'requirements') continue;
      const unmatched = describeUnmatched(index, index.namespaceOf(manifest), selector);
      if (unmatched === undefined) continue;
      context.report({ manifest, path: ['spec', 'selector'], message: `${name}: selector ${unmatched}` });
    }
  },
};

export default rule;
