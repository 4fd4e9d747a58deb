/**
 * Ports the API server would reject: container and Service port numbers and names
 * (validateContainerPorts, ValidateService in pkg/apis/core/validation).
 */
import { dns1123Label, portName, portNumber } from '../src/k8s/names.js';
import type { Manifest } from '../src/core/types.js';
import { containersOf } from '../src/rules/containers.js';
import type { Report, Rule } from '../src/rules/types.js';
import { isObj } from '../src/core/values.js';
import { podTemplateOf } from '../src/rules/workloads.js';

/** The default --service-node-port-range of kube-apiserver. */
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;

const rule: Rule = {
  id: 'invalid-port',
  severity: 'error',
  category: 'validation',
  description: 'Port number or name the API server would reject',
  rationale:
    'Container and Service ports must be 1–65535 (hostPort 0–65535), container port names must be IANA service names ' +
    '(at most 15 lower-case letters, digits and single hyphens, with at least one letter), Service port names DNS-1123 ' +
    'labels (63 characters), each unique; a Service targetPort 0 or "" defaults to its port. A Service with ' +
    'several ports must name each of them, and a Service cannot list the same port and protocol twice. ' +
    'nodePort outside the default range 30000–32767 is rejected unless the cluster widened it.',
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/service/#field-spec-ports',
    'https://kubernetes.io/docs/reference/kubernetes-api/workload-resources/pod-v1/#ports',
  ],
  howToFix:
    'Use port numbers from 1 to 65535 and port names of at most 15 lower-case letters, digits and single hyphens with at least one letter (`http`, `grpc-web`), each unique within its list.',
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '      ports:',
      '        - name: http-metrics-port',
      '          containerPort: 9090',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '      ports:',
      '        - name: metrics',
      '          containerPort: 9090',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const m of context.manifests) {
      const template = podTemplateOf(m);
      if (template) {
        for (const c of containersOf(template)) {
          const ports = c.container.ports;
          if (!Array.isArray(ports)) continue;
          const names = new Set<string>();
          ports.forEach((p, i) => {
            if (!isObj(p)) return;
            const path = [...c.path, 'ports', i];
            number(m, [...path, 'containerPort'], p.containerPort, `${c.label} containerPort`, false, context.report);
            if (p.hostPort !== undefined)
              number(m, [...path, 'hostPort'], p.hostPort, `${c.label} hostPort`, true, context.report);
            if (typeof p.name === 'string') {
              name(m, [...path, 'name'], p.name, `${c.label} port name`, context.report);
              if (names.has(p.name))
                context.report({
                  manifest: m,
                  path: [...path, 'name'],
                  message: `${c.label}: duplicate port name ${JSON.stringify(p.name)}`,
                });
              names.add(p.name);
            }
          });
        }
      }
      if (m.ref.kind === 'Service' && m.ref.apiVersion === 'v1') checkService(m, context.report);
    }
  },
};

function checkService(m: Manifest, report: (r: Report) => void) {
  const spec = m.object.spec;
  if (!isObj(spec) || !Array.isArray(spec.ports)) return;
  const ports = spec.ports;
  const names = new Set<string>();
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const path = ['spec', 'ports', i];
    number(m, [...path, 'port'], p.port, 'Service port', false, report);
    // SetDefaults_Service sets targetPort 0 / "" to port before validation (k8s v1.36.0 pkg/apis/core/v1/defaults.go).
    if (typeof p.targetPort === 'number' && p.targetPort !== 0)
      number(m, [...path, 'targetPort'], p.targetPort, 'Service targetPort', false, report);
    else if (typeof p.targetPort === 'string' && p.targetPort !== '')
      name(m, [...path, 'targetPort'], p.targetPort, 'Service targetPort name', report);
    if (
      typeof p.nodePort === 'number' &&
      p.nodePort !== 0 &&
      (p.nodePort < NODE_PORT_MIN || p.nodePort > NODE_PORT_MAX)
    ) {
      report({
        manifest: m,
        path: [...path, 'nodePort'],
        message: `nodePort ${p.nodePort} is outside the default node port range ${NODE_PORT_MIN}-${NODE_PORT_MAX}`,
        severity: 'warning',
      });
    }
    const portNameValue = typeof p.name === 'string' ? p.name : '';
    if (portNameValue !== '') {
      // validateServicePort: a Service port name is a DNS-1123 label (63 characters), not an IANA service name.
      const errs = dns1123Label(portNameValue);
      if (errs.length)
        report({
          manifest: m,
          path: [...path, 'name'],
          message: `Service port name ${JSON.stringify(portNameValue)}: ${errs.join('; ')}`,
        });
      if (names.has(portNameValue))
        report({
          manifest: m,
          path: [...path, 'name'],
          message: `duplicate Service port name ${JSON.stringify(portNameValue)}`,
        });
      names.add(portNameValue);
    } else if (ports.length > 1) {
      report({
        manifest: m,
        path,
        message: `Service port #${i + 1}: a name is required when a Service has more than one port`,
      });
    }
    if (typeof p.port === 'number') {
      const key = `${p.port}/${typeof p.protocol === 'string' ? p.protocol : 'TCP'}`;
      if (seen.has(key)) report({ manifest: m, path: [...path, 'port'], message: `duplicate Service port ${key}` });
      seen.add(key);
    }
  });
}

function number(
  m: Manifest,
  path: (string | number)[],
  value: unknown,
  what: string,
  allowZero: boolean,
  report: (r: Report) => void,
) {
  if (typeof value !== 'number') return; // missing/wrong type: schema validation reports it
  const errs = portNumber(value, { allowZero });
  if (errs.length) report({ manifest: m, path, message: `${what} ${value}: ${errs.join('; ')}` });
}

function name(m: Manifest, path: (string | number)[], value: string, what: string, report: (r: Report) => void) {
  const errs = portName(value);
  if (errs.length) report({ manifest: m, path, message: `${what} ${JSON.stringify(value)}: ${errs.join('; ')}` });
}

export default rule;
