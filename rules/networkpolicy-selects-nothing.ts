/** A NetworkPolicy whose podSelector matches no pods isolates nothing: usually a label typo. */
import { indexOf, objectLabel } from '../src/rules/format.js';
import { isKind } from '../src/k8s/kinds.js';
import { describeUnmatched } from '../src/rules/matching.js';
import { parseLabelSelector } from '../src/k8s/label-selector.js';
import type { Rule } from '../src/rules/types.js';
import { getIn } from '../src/core/values.js';

const rule: Rule = {
  id: 'networkpolicy-selects-nothing',
  severity: 'warning',
  category: 'consistency',
  description: "A NetworkPolicy's podSelector should match the pods of a workload in its namespace.",
  rationale: [
    'A NetworkPolicy applies to the pods its `spec.podSelector` matches in its namespace. When the selector matches',
    'no pod template in the inputs, the policy isolates nothing and the pods it was written for stay open. An empty',
    'podSelector (`{}`) selects every pod of the namespace and is fine.',
    '',
    "Fix: use labels from the target workload's `spec.template.metadata.labels`.",
  ].join('\n'),
  kubeLinter: 'dangling-networkpolicy',
  kubeScore: 'networkpolicy-targets-pod',
  references: ['https://kubernetes.io/docs/concepts/services-networking/network-policies/'],
  examples: {
    bad: [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: api',
      'spec:',
      '  podSelector:',
      '    matchLabels:',
      '      app: api-server',
      '  policyTypes: [Ingress]',
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
    good: [
      'apiVersion: networking.k8s.io/v1',
      'kind: NetworkPolicy',
      'metadata:',
      '  name: api',
      'spec:',
      '  podSelector:',
      '    matchLabels:',
      '      app: api',
      '  policyTypes: [Ingress]',
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
      if (!isKind(manifest, 'NetworkPolicy')) continue;
      // podSelector is not a pointer in the API: leaving it out means `{}`, every pod.
      const selector = parseLabelSelector(getIn(manifest.object, ['spec', 'podSelector']) ?? {});
      if (selector.type !== 'requirements') continue;
      const unmatched = describeUnmatched(index, index.namespaceOf(manifest), selector);
      if (unmatched === undefined) continue;
      context.report({
        manifest,
        path: ['spec', 'podSelector'],
        message: `${objectLabel(manifest)}: podSelector ${unmatched}`,
      });
    }
  },
};

export default rule;
