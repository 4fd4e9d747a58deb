/** An Ingress backend port that the Service does not expose routes to nothing. */
import { indexOf, objectLabel } from '../src/rules/format.js';
import { ingressServiceBackends } from '../src/rules/ingresses.js';
import { servicePortsOf } from '../src/rules/services.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'ingress-missing-service-port',
  severity: 'error',
  category: 'consistency',
  description: "An Ingress backend's port number or name must be one the Service exposes.",
  rationale: [
    "An Ingress backend names a Service port by number (`port.number`, the Service's `port`, not its `targetPort`)",
    'or by name (`port.name`). When the Service has no such port, the controller cannot route the path and',
    'answers 503. A common mistake is using the container port instead of the Service port.',
    '',
    'Fix: use one of the `spec.ports[].port` numbers or `spec.ports[].name` names of the Service.',
  ].join('\n'),
  kubeLinter: 'dangling-ingress',
  kubeScore: 'ingress-targets-service',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/',
    'https://kubernetes.io/docs/concepts/services-networking/service/',
  ],
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
      '                  number: 8080',
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
      const service = index.find('Service', namespace, backend.service);
      if (!service || !backend.port || !backend.portPath) continue;
      const ports = servicePortsOf(service).map((p) => p.port);
      const wanted = backend.port;
      const found =
        'number' in wanted ? ports.some((p) => p.port === wanted.number) : ports.some((p) => p.name === wanted.name);
      if (found) continue;
      const exposed =
        ports.map((p) => (typeof p.name === 'string' ? `${p.name}/${String(p.port)}` : String(p.port))).join(', ') ||
        'none';
      const asked = 'number' in wanted ? `port ${wanted.number}` : `port "${wanted.name}"`;
      context.report({
        manifest: ingress,
        path: backend.portPath,
        message: `${objectLabel(ingress)}: Service "${backend.service}" has no ${asked} (it exposes: ${exposed})`,
      });
    }
  },
};

export default rule;
