import { isKind } from '../src/k8s/kinds.js';
import type { Rule } from '../src/rules/types.js';
import { getIn } from '../src/core/values.js';

const EXPOSURE: Readonly<Record<string, string>> = {
  NodePort: 'opens its ports on every node of the cluster',
  LoadBalancer: 'provisions an external load balancer (and node ports) for it',
};

const rule: Rule = {
  id: 'exposed-service',
  severity: 'info',
  category: 'security',
  description: 'NodePort and LoadBalancer Services expose workloads outside the cluster.',
  rationale: [
    'A `NodePort` Service listens on a port of every node; a `LoadBalancer` Service additionally gets a',
    'cloud load balancer, usually reachable from the internet. Either bypasses the Ingress/Gateway layer where',
    'TLS, authentication and rate limits are usually enforced, and is easy to create by accident.',
    '',
    'Fix: use `type: ClusterIP` behind an Ingress or Gateway. If the exposure is intended, restrict it',
    '(`loadBalancerSourceRanges`, an internal load balancer annotation, firewall rules) and suppress the finding',
    'with a reason.',
  ].join('\n'),
  kubeLinter: 'exposed-services',
  kubeScore: 'service-type',
  references: ['https://kubernetes.io/docs/concepts/services-networking/service/#publishing-services-service-types'],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: api',
      'spec:',
      '  type: LoadBalancer',
      '  selector:',
      '    app: api',
      '  ports:',
      '    - port: 80',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: api',
      'spec:',
      '  type: ClusterIP',
      '  selector:',
      '    app: api',
      '  ports:',
      '    - port: 80',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const manifest of context.manifests) {
      if (!isKind(manifest, 'Service')) continue;
      const type = getIn(manifest.object, ['spec', 'type']);
      if (typeof type !== 'string' || EXPOSURE[type] === undefined) continue;
      context.report({ manifest, path: ['spec', 'type'], message: `Service type ${type} ${EXPOSURE[type]}` });
    }
  },
};

export default rule;
