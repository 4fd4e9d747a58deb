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
