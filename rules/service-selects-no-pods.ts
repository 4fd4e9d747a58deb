/**
 * A Service whose selector matches no pod has no endpoints: connections to it are refused or time
 * out. The usual cause is a label typo, so the message names the closest pod template.
 */
import { indexOf, objectLabel } from '../src/rules/format.js';
import { describeUnmatched } from '../src/rules/matching.js';
import type { Rule } from '../src/rules/types.js';
import { labelSelectingServices } from '../src/rules/services.js';

const rule: Rule = {
  id: 'service-selects-no-pods',
  severity: 'warning',
  category: 'consistency',
  description: "A Service's selector should match the pod template of at least one workload in its namespace.",
  rationale: [
    'A Service sends traffic to the pods its `spec.selector` matches. When no workload in the inputs has pods with',
    'those labels, the Service has no endpoints and every connection fails, often only noticed after deploying.',
    'Services without a selector (endpoints managed elsewhere) and `ExternalName` Services are not checked.',
    '',
    "Fix: make the selector equal to labels of the target workload's `spec.template.metadata.labels`. If the pods",
    'are deployed from another repository, suppress the finding with the `kubeplan.dev/ignore` annotation.',
  ].join('\n'),
  kubeLinter: 'dangling-service',
  kubeScore: 'service-targets-pod',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/',
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors',
  ],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    app: api-server',
      '  ports:',
      '    - port: 80',
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
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    app: api',
      '  ports:',
      '    - port: 80',
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
    for (const { service, namespace, selector } of labelSelectingServices(context.manifests, index)) {
      const unmatched = describeUnmatched(index, namespace, selector);
      if (unmatched === undefined) continue;
      context.report({
        manifest: service,
        path: ['spec', 'selector'],
        message: `${objectLabel(service)}: selector ${unmatched}`,
      });
    }
  },
};

export default rule;
