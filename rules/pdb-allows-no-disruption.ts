import { formatIntOrPercent, readIntOrPercent, scaledValue } from '../src/k8s/intstr.js';
import { replicaRange } from '../src/rules/best-practice/replicas.js';
import { indexOf, objectLabel } from '../src/rules/format.js';
import { isKind } from '../src/k8s/kinds.js';
import { pdbSelector } from '../src/rules/pdb.js';
import type { Rule } from '../src/rules/types.js';
import { getIn } from '../src/core/values.js';
import { podsByLabel } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'pdb-allows-no-disruption',
  severity: 'warning',
  category: 'reliability',
  description: 'A PodDisruptionBudget should allow at least one pod of its workload to be evicted.',
  rationale: [
    'A PodDisruptionBudget that allows zero disruptions (`maxUnavailable: 0`, `minAvailable: 100%`, or a',
    '`minAvailable` at or above the replica count, such as `minAvailable: 1` for a single replica) makes every',
    'voluntary eviction fail: `kubectl drain`, node upgrades and cluster-autoscaler scale-down hang on these pods',
    'until someone deletes the budget by hand.',
    '',
    'Fix: run more replicas than `minAvailable` (at least 2 for `minAvailable: 1`), or use `maxUnavailable: 1`,',
    'which always lets one pod go. Replica counts come from `spec.replicas` (default 1) or, when a',
    'HorizontalPodAutoscaler or KEDA ScaledObject in the inputs scales the workload, its minimum.',
  ].join('\n'),
  kubeLinter: 'pdb-min-available',
  polaris: 'pdbDisruptionsIsZero',
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
      '  minAvailable: 1',
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
      '  replicas: 1',
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
    const pods = podsByLabel(index);
    for (const pdb of context.manifests) {
      if (!isKind(pdb, 'PodDisruptionBudget')) continue;
      const maxUnavailable = readIntOrPercent(getIn(pdb.object, ['spec', 'maxUnavailable']));
      if (maxUnavailable && maxUnavailable.value === 0) {
        context.report({
          manifest: pdb,
          path: ['spec', 'maxUnavailable'],
          message: `maxUnavailable: ${formatIntOrPercent(maxUnavailable)} allows no voluntary disruption: node drains and upgrades will block on the pods it selects`,
        });
        continue;
      }
      const minAvailable = readIntOrPercent(getIn(pdb.object, ['spec', 'minAvailable']));
      if (!minAvailable) continue;
      if (minAvailable.kind === 'percent' && minAvailable.value >= 100) {
        context.report({
          manifest: pdb,
          path: ['spec', 'minAvailable'],
          message: `minAvailable: ${formatIntOrPercent(minAvailable)} allows no voluntary disruption: node drains and upgrades will block on the pods it selects`,
        });
        continue;
      }
      const selector = pdbSelector(pdb);
      for (const pod of pods.select(index.namespaceOf(pdb), selector)) {
        // Only replicated workloads have a replica range; Jobs and bare Pods are left out.
        const replicas = replicaRange(index, pod.manifest);
        if (!replicas || replicas.min === 0 || scaledValue(minAvailable, replicas.min, true) < replicas.min) continue;
        context.report({
          manifest: pdb,
          path: ['spec', 'minAvailable'],
          message: `minAvailable: ${formatIntOrPercent(minAvailable)} allows no voluntary disruption of ${objectLabel(pod.manifest)} (${replicas.source}): node drains and upgrades will block on its pods`,
        });
      }
    }
  },
};

export default rule;
