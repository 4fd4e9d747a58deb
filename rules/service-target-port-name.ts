/**
 * A named targetPort is resolved on each selected pod by container port name. When no container
 * declares that name, the pod gets no endpoint for the port and the Service refuses connections.
 */
import { indexOf, objectLabel } from '../src/rules/format.js';
import { containerPortsOf, labelSelectingServices, listPorts, servicePortsOf } from '../src/rules/services.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'service-target-port-name',
  severity: 'error',
  category: 'consistency',
  description: "A Service's named targetPort must be declared as a container port name by the pods it selects.",
  rationale: [
    'When `targetPort` is a name (`targetPort: http`), Kubernetes looks the name up in the `ports` of the selected',
    'containers. If no container declares a port with that name, the pods are left out of the endpoints of that',
    'Service port, and traffic to it fails even though the pods are running and ready.',
    '',
    'Fix: add `ports: [{name: <targetPort>, containerPort: <n>}]` to the serving container, or use the name that',
    'the container declares. Only Services whose selector matches pods in the inputs are checked.',
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
      '      targetPort: http',
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
      '            - name: web',
      '              containerPort: 8080',
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
      '      targetPort: http',
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
      if (selected.length === 0) continue;
      const ports = containerPortsOf(selected);
      for (const { port, index: i } of servicePortsOf(service)) {
        const target = port.targetPort;
        if (typeof target !== 'string' || ports.some((p) => p.name === target)) continue;
        const owners = [...new Set(selected.map((t) => objectLabel(t.manifest)))].join(', ');
        context.report({
          manifest: service,
          path: ['spec', 'ports', i, 'targetPort'],
          message: `${objectLabel(service)}: targetPort "${target}" is not a container port name in ${owners} (declared: ${listPorts(ports, (p) => p.name)})`,
        });
      }
    }
  },
};

export default rule;
