import { reportHostNamespace } from '../src/rules/best-practice/host-namespaces.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'host-ipc',
  severity: 'error',
  category: 'security',
  description: "Pods should not use the host's IPC namespace.",
  rationale: [
    'With `hostIPC: true` the pod shares System V IPC and POSIX shared memory with every process on the node, and',
    'can read or corrupt their shared memory segments. The Pod Security Standards (baseline) forbid it.',
    '',
    'Fix: remove `hostIPC: true`; containers of one pod already share an IPC namespace.',
  ].join('\n'),
  kubeLinter: 'host-ipc',
  polaris: 'hostIPCSet',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  hostIPC: true',
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
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    reportHostNamespace(
      context,
      'hostIPC',
      "shares the node's IPC namespace: the pod can read other processes' shared memory",
    );
  },
};

export default rule;
