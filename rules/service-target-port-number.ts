/**
 * A numeric targetPort that no selected container declares usually means the Service forwards to a
 * port nothing listens on (a changed app port, a copy-pasted Service).
 */
import { indexOf, objectLabel } from '../src/rules/format.js';
import { containerPortsOf, labelSelectingServices, listPorts, servicePortsOf } from '../src/rules/services.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'service-target-port-number',
  severity: 'warning',
  category: 'consistency',
  description: "A Service's numeric targetPort should be a containerPort of the pods it selects.",
  rationale: [
    'A numeric `targetPort` (or, without one, `port`) is where the Service forwards traffic on each pod. Declaring',
    'container ports is informational in Kubernetes, so a mismatch is not rejected, but when the selected containers',
    'declare ports and none of them is the target, the Service most likely points at a port nothing listens on.',
    'Pods that declare no ports at all are not checked.',
    '',
    'Fix: set `targetPort` to the port the container listens on (better: to its port name), or declare it in the',
    "container's `ports`.",
  ].join('\n'),
  references: ['https://kubernetes.io/docs/concepts/services-networking/service/#defining-a-service'],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    app: api',
      '  ports:',
      '    - port: 80',
      '      targetPort: 8080',
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
      '          ports:',
      '            - name: http',
      '              containerPort: 80',
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
      '      targetPort: 8080',
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
      '          ports:',
      '            - name: http',
      '              containerPort: 8080',
      '',
    ].join('\n'),
  },
  check(context) {
    const index = indexOf(context);
    for (const { service, namespace, selector } of labelSelectingServices(context.manifests, index)) {
      const selected = index.selectTemplates(namespace, selector);
      const ports = containerPortsOf(selected).filter((p) => p.containerPort !== undefined);
      if (ports.length === 0) continue;
      for (const { port, index: i } of servicePortsOf(service)) {
        const explicit = port.targetPort !== undefined && port.targetPort !== null;
        const target = explicit ? port.targetPort : port.port;
        if (typeof target !== 'number') continue;
        const protocol = typeof port.protocol === 'string' ? port.protocol : 'TCP';
        if (ports.some((p) => p.containerPort === target && p.protocol === protocol)) continue;
        const what = explicit ? `targetPort ${target}` : `port ${target} (the default targetPort)`;
        context.report({
          manifest: service,
          path: ['spec', 'ports', i, explicit ? 'targetPort' : 'port'],
          message: `${objectLabel(service)}: ${what} is not a ${protocol} containerPort of the selected pods (declared: ${listPorts(ports, (p) => `${p.containerPort}/${p.protocol}`)})`,
        });
      }
    }
  },
};

export default rule;
