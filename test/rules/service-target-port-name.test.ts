import { describe, expect, it } from 'vitest';
import rule from '../../rules/service-target-port-name.js';
import { runRule, yaml } from './helpers.js';

const app = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    selector: {matchLabels: {app: web}}
    template:
      metadata: {labels: {app: web}}
      spec:
        initContainers:
          - {name: proxy, image: envoy:1, restartPolicy: Always, ports: [{name: admin, containerPort: 9901}]}
          - {name: setup, image: busybox:1, ports: [{name: setup, containerPort: 1}]}
        containers:
          - name: app
            image: web:1
            ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]
`;

const service = (targetPort: string, selector = '{app: web}') => yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: web}
  spec:
    selector: ${selector}
    ports:
      - {name: http, port: 80, targetPort: ${targetPort}}
`;

describe('service-target-port-name', () => {
  it.each([['http'], ['metrics'], ['admin'], ['8080']])(
    'accepts targetPort %s (admin is on a native sidecar, 8080 is a number)',
    (target) => {
      expect(runRule(rule, `${app}---\n${service(target)}`)).toEqual([]);
    },
  );

  it('does not check a Service that selects no pods (service-selects-no-pods reports that)', () => {
    expect(runRule(rule, `${app}---\n${service('nope', '{app: other}')}`)).toEqual([]);
  });

  it('reports a name no serving container declares', () => {
    expect(runRule(rule, `${app}---\n${service('htpp')}`)).toEqual([
      {
        ruleId: 'service-target-port-name',
        line: 23,
        column: 42,
        message:
          'Service web: targetPort "htpp" is not a container port name in Deployment web (declared: http, metrics, admin)',
      },
    ]);
  });

  it('does not count ports of ordinary init containers', () => {
    expect(runRule(rule, `${app}---\n${service('setup')}`).map((f) => f.line)).toEqual([23]);
  });
});
