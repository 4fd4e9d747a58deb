/** An Ingress backend naming a Service that does not exist answers every request with 503. */
import { indexOf, objectLabel } from '../src/rules/format.js';
import { ingressServiceBackends } from '../src/rules/ingresses.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'ingress-missing-service',
  severity: 'error',
  category: 'consistency',
  description: 'Every Service an Ingress routes to must be defined in the same namespace.',
  rationale: [
    "An Ingress backend refers to a Service by name in the Ingress's own namespace. If that Service does not",
    'exist, the ingress controller has no endpoints for the path and answers 503 (or drops the route), which is',
    'usually a typo or a Service that was renamed.',
    '',
    'Fix: correct `backend.service.name` (`serviceName` in the legacy API), or add the Service to the inputs.',
  ].join('\n'),
  kubeLinter: 'dangling-ingress',
  kubeScore: 'ingress-targets-service',
  references: ['https://kubernetes.io/docs/concepts/services-networking/ingress/'],
  examples: {
    bad: [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: api',
      'spec:',
      '  rules:',
      '    - host: shop.example.com',
      '      http:',
      '        paths:',
      '          - path: /api',
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      '                name: api',
      '                port:',
      '                  number: 80',
      '',
    ].join('\n'),
    good: [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: api',
      'spec:',
      '  rules:',
      '    - host: shop.example.com',
      '      http:',
      '        paths:',
      '          - path: /api',
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      '                name: api',
      '                port:',
      '                  number: 80',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    app: api',
      '  ports:',
      '    - port: 80',
      '',
    ].join('\n'),
  },
  check(context) {
    const index = indexOf(context);
    for (const { ingress, namespace, backend } of ingressServiceBackends(context.manifests, index)) {
      if (index.find('Service', namespace, backend.service)) continue;
      context.report({
        manifest: ingress,
        path: backend.servicePath,
        message: `${objectLabel(ingress)}: backend Service "${backend.service}" not found in namespace "${namespace}"`,
      });
    }
  },
};

export default rule;
