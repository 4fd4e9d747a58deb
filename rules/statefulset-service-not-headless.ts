/**
 * A StatefulSet's pods get stable DNS names (`web-0.web.shop.svc`) only through a headless Service
 * named by `spec.serviceName`; with a normal ClusterIP Service those names never resolve.
 */
import { indexOf, objectLabel } from '../src/rules/format.js';
import { isKind } from '../src/k8s/kinds.js';
import { isHeadless } from '../src/rules/services.js';
import type { Rule } from '../src/rules/types.js';
import { getIn } from '../src/core/values.js';

const rule: Rule = {
  id: 'statefulset-service-not-headless',
  severity: 'error',
  category: 'consistency',
  description: "A StatefulSet's serviceName must name a headless Service (clusterIP: None).",
  rationale: [
    'The governing Service named by `spec.serviceName` gives each StatefulSet pod a stable DNS name',
    '(`<pod>.<service>.<namespace>.svc`), which clustered databases and brokers use to find their peers. Those',
    'records exist only when the Service is headless (`clusterIP: None`).',
    '',
    '- a Service that is not headless: error;',
    '- a Service missing from the inputs: warning (it may be deployed separately);',
    '- no `serviceName`: warning; the API accepts it (the field is optional), but the pods get no stable names.',
    '',
    'Fix: add a headless Service with the same selector as the StatefulSet and set `serviceName` to its name.',
  ].join('\n'),
  kubeScore: 'statefulset-has-servicename',
  references: [
    'https://kubernetes.io/docs/concepts/workloads/controllers/statefulset/#stable-network-id',
    'https://kubernetes.io/docs/concepts/services-networking/service/#headless-services',
  ],
  examples: {
    bad: [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata:',
      '  name: db',
      'spec:',
      '  serviceName: db',
      '  selector:',
      '    matchLabels:',
      '      app: db',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: db',
      '    spec:',
      '      containers:',
      '        - name: db',
      '          image: registry.example.com/shop/db:16.2',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: db',
      'spec:',
      '  selector:',
      '    app: db',
      '  ports:',
      '    - port: 5432',
      '',
    ].join('\n'),
    good: [
      'apiVersion: apps/v1',
      'kind: StatefulSet',
      'metadata:',
      '  name: db',
      'spec:',
      '  serviceName: db',
      '  selector:',
      '    matchLabels:',
      '      app: db',
      '  template:',
      '    metadata:',
      '      labels:',
      '        app: db',
      '    spec:',
      '      containers:',
      '        - name: db',
      '          image: registry.example.com/shop/db:16.2',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: db',
      'spec:',
      '  clusterIP: None',
      '  selector:',
      '    app: db',
      '  ports:',
      '    - port: 5432',
      '',
    ].join('\n'),
  },
  check(context) {
    const index = indexOf(context);
    for (const manifest of context.manifests) {
      if (!isKind(manifest, 'StatefulSet')) continue;
      const name = objectLabel(manifest);
      const namespace = index.namespaceOf(manifest);
      const serviceName = getIn(manifest.object, ['spec', 'serviceName']);
      if (typeof serviceName !== 'string' || serviceName === '') {
        context.report({
          manifest,
          path: ['spec'],
          target: 'key',
          severity: 'warning',
          message: `${name}: no spec.serviceName, so its pods get no stable DNS names`,
        });
        continue;
      }
      const service = index.find('Service', namespace, serviceName);
      if (!service) {
        context.report({
          manifest,
          path: ['spec', 'serviceName'],
          severity: 'warning',
          message: `${name}: governing Service "${serviceName}" not found in namespace "${namespace}"`,
        });
      } else if (!isHeadless(service)) {
        context.report({
          manifest,
          path: ['spec', 'serviceName'],
          message: `${name}: governing Service "${serviceName}" is not headless (set clusterIP: None), so pod DNS names will not resolve`,
        });
      }
    }
  },
};

export default rule;
