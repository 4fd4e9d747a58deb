import { reportHostNamespace } from '../src/rules/best-practice/host-namespaces.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'host-network',
  severity: 'warning',
  category: 'security',
  description: "Pods should not use the host's network namespace.",
  rationale: [
    "With `hostNetwork: true` the pod sees and binds the node's interfaces: it can sniff node traffic, reach",
    'services bound to localhost on the node (kubelet, cloud metadata proxies), bypasses NetworkPolicies, and',
    'its ports collide with other host-network pods. The Pod Security Standards (baseline) forbid it.',
    '',
    'Fix: remove `hostNetwork: true` and expose the pod through a Service. Only node agents (CNI plugins, some',
    'ingress controllers) need it; suppress the finding for those with a reason.',
  ].join('\n'),
  kubeLinter: 'host-network',
  polaris: 'hostNetworkSet',
  references: ['https://kubernetes.io/docs/concepts/security/pod-security-standards/'],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  hostNetwork: true',
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
      'hostNetwork',
      "shares the node's network namespace: the pod sees host interfaces and bypasses NetworkPolicies",
    );
  },
};

export default rule;
