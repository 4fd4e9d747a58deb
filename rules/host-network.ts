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
  check(context) {
    reportHostNamespace(
      context,
      'hostNetwork',
      "shares the node's network namespace: the pod sees host interfaces and bypasses NetworkPolicies",
    );
  },
};

export default rule;
