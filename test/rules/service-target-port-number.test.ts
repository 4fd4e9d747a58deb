import { describe, expect, it } from 'vitest';
import rule from '../../rules/service-target-port-number.js';
import { runRule, yaml } from './helpers.js';

const app = (ports: string) => yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        containers:
          - {name: app, image: web:1, ports: ${ports}}
`;

const service = (port: string) => yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: web}
  spec:
    selector: {app: web}
    ports:
      - ${port}
`;

describe('service-target-port-number', () => {
  it.each([
    ['a declared targetPort', '[{containerPort: 8080}]', '{port: 80, targetPort: 8080}'],
    ['port as the default targetPort', '[{containerPort: 80}]', '{port: 80}'],
    ['a UDP port', '[{containerPort: 53, protocol: UDP}]', '{port: 53, protocol: UDP}'],
    ['containers that declare no ports (nothing to compare)', '[]', '{port: 80, targetPort: 8080}'],
    ['a named targetPort (the other rule)', '[{containerPort: 8080}]', '{port: 80, targetPort: http}'],
  ])('accepts %s', (_, ports, port) => {
    expect(runRule(rule, `${app(ports)}---\n${service(port)}`)).toEqual([]);
  });

  it('reports a targetPort nothing declares', () => {
    expect(runRule(rule, `${app('[{containerPort: 8080}]')}---\n${service('{port: 80, targetPort: 8000}')}`)).toEqual([
      {
        ruleId: 'service-target-port-number',
        line: 18,
        column: 30,
        message: 'Service web: targetPort 8000 is not a TCP containerPort of the selected pods (declared: 8080/TCP)',
      },
    ]);
  });

  it('reports the port when it is also the implicit targetPort, and protocol mismatches', () => {
    expect(runRule(rule, `${app('[{containerPort: 8080}]')}---\n${service('{port: 80}')}`)).toEqual([
      {
        ruleId: 'service-target-port-number',
        line: 18,
        column: 14,
        message:
          'Service web: port 80 (the default targetPort) is not a TCP containerPort of the selected pods (declared: 8080/TCP)',
      },
    ]);
    expect(
      runRule(rule, `${app('[{containerPort: 53}]')}---\n${service('{port: 53, protocol: UDP}')}`).map(
        (f) => f.message,
      ),
    ).toEqual([
      'Service web: port 53 (the default targetPort) is not a UDP containerPort of the selected pods (declared: 53/TCP)',
    ]);
  });
});
