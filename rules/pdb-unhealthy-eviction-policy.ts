import { parseKubeVersion } from '../src/k8s/api-versions.js';
import { isKind } from '../src/k8s/kinds.js';
import type { Rule } from '../src/rules/types.js';
import { getIn } from '../src/core/values.js';

const rule: Rule = {
  id: 'pdb-unhealthy-eviction-policy',
  severity: 'info',
  category: 'reliability',
  description: 'PodDisruptionBudgets should set unhealthyPodEvictionPolicy: AlwaysAllow.',
  rationale: [
    'With the default policy (`IfHealthyBudget`), pods that are running but not ready can only be evicted while',
    'the budget is met. A workload stuck crash-looping therefore blocks `kubectl drain` and node upgrades, even',
    'though evicting a broken pod cannot make anything worse.',
    '',
    'Fix: set `spec.unhealthyPodEvictionPolicy: AlwaysAllow` (beta and on by default since Kubernetes 1.27, GA in',
    '1.31). Keep `IfHealthyBudget` deliberately (and set it explicitly) for workloads where a not-ready pod must',
    'never be evicted, such as a quorum member still catching up. Not reported for targets before 1.27.',
  ].join('\n'),
  kubeLinter: 'pdb-unhealthy-pod-eviction-policy',
  references: ['https://kubernetes.io/docs/tasks/run-application/configure-pdb/#unhealthy-pod-eviction-policy'],
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
      '      app: api',
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
    const minor = parseKubeVersion(context.options.kubeVersion) ?? Number.POSITIVE_INFINITY;
    if (minor < 27) return;
    for (const manifest of context.manifests) {
      if (!isKind(manifest, 'PodDisruptionBudget') || manifest.ref.apiVersion !== 'policy/v1') continue;
      const policy = getIn(manifest.object, ['spec', 'unhealthyPodEvictionPolicy']);
      if (policy !== undefined && policy !== null) continue;
      context.report({
        manifest,
        path: ['spec'],
        target: 'key',
        message:
          'unhealthyPodEvictionPolicy is not set: crash-looping pods cannot be evicted while the budget is unmet, which blocks node drains; set AlwaysAllow',
      });
    }
  },
};

export default rule;
