import { reportHostNamespace } from '../src/rules/best-practice/host-namespaces.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'host-pid',
  severity: 'error',
  category: 'security',
  description: "Pods should not use the host's process namespace.",
  rationale: [
    'With `hostPID: true` the pod sees every process on the node, can read their environment and /proc entries',
    '(secrets included), and with ptrace or root can signal or inject into them. The Pod Security Standards',
    '(baseline) forbid it.',
    '',
    'Fix: remove `hostPID: true`. To share processes between containers of the same pod, use',
    '`shareProcessNamespace: true` instead.',
  ].join('\n'),
  kubeLinter: 'host-pid',
  polaris: 'hostPIDSet',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/share-process-namespace/',
  ],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  hostPID: true',
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
      '  shareProcessNamespace: true',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    reportHostNamespace(
      context,
      'hostPID',
      "shares the node's process namespace: the pod sees and can signal every process on the node",
    );
  },
};

export default rule;
