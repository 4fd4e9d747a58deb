import type { Rule } from '../src/rules/types.js';
import { podTemplatesOf } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'deprecated-service-account-field',
  severity: 'warning',
  category: 'deprecation',
  description: 'Pod specs should use serviceAccountName, not the deprecated serviceAccount alias.',
  rationale: [
    '`spec.serviceAccount` is a deprecated alias of `spec.serviceAccountName`. When only the alias is set the',
    'API server copies it over; when both are set and differ, `serviceAccountName` wins and the alias is',
    'silently ignored, so the manifest says one thing and the pod runs as another.',
    '',
    'Fix: rename `serviceAccount` to `serviceAccountName` (and delete the alias if both are present).',
  ].join('\n'),
  kubeLinter: 'deprecated-service-account-field',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/'],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  serviceAccount: api',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  serviceAccountName: api',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const pod of podTemplatesOf(context.manifests, { openShift: true })) {
      const alias = pod.spec.serviceAccount;
      if (typeof alias !== 'string' || alias === '') continue;
      const name = pod.spec.serviceAccountName;
      const message =
        typeof name === 'string' && name !== '' && name !== alias
          ? `serviceAccount "${alias}" is ignored: serviceAccountName "${name}" wins; remove the deprecated serviceAccount field`
          : `serviceAccount is a deprecated alias; use serviceAccountName: ${alias}`;
      context.report({ manifest: pod.manifest, path: [...pod.specPath, 'serviceAccount'], target: 'key', message });
    }
  },
};

export default rule;
