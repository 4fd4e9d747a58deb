import { describe, expect, it } from 'vitest';
import rule from '../../rules/invalid-port.js';
import { runOnFiles } from './helpers.js';

const brief = (text: string) =>
  runOnFiles(rule, { 'test.yaml': text })
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((f) => [f.line, f.column, f.severity, f.message]);

const pod = (ports: string) => `apiVersion: v1
kind: Pod
metadata:
  name: p
spec:
  containers:
    - name: app
      image: app:1
      ports:
${ports}`;

const service = (ports: string) => `apiVersion: v1
kind: Service
metadata:
  name: s
spec:
  ports:
${ports}`;

describe('invalid-port', () => {
  it('accepts valid container and Service ports', () => {
    expect(
      brief(
        pod(
          '        - name: http\n          containerPort: 8080\n        - name: metrics\n          containerPort: 9090\n',
        ),
      ),
    ).toEqual([]);
    expect(
      brief(
        service(
          '    - name: http\n      port: 80\n      targetPort: http\n    - name: https\n      port: 443\n      targetPort: 8443\n',
        ),
      ),
    ).toEqual([]);
    expect(brief(service('    - port: 80\n'))).toEqual([]); // a single port needs no name
  });

  it('rejects out-of-range container ports and long or numeric-only port names', () => {
    expect(brief(pod('        - name: very-long-port-name\n          containerPort: 70000\n'))).toEqual([
      [10, 17, 'error', 'container "app" port name "very-long-port-name": must be no more than 15 characters'],
      [11, 26, 'error', 'container "app" containerPort 70000: must be between 1 and 65535, inclusive'],
    ]);
    expect(brief(pod('        - name: "8080"\n          containerPort: 8080\n'))).toEqual([
      [10, 17, 'error', 'container "app" port name "8080": must contain at least one letter (a-z)'],
    ]);
  });

  it('requires names on multi-port Services and rejects duplicates', () => {
    expect(brief(service('    - port: 80\n    - name: b\n      port: 80\n'))).toEqual([
      [7, 7, 'error', 'Service port #1: a name is required when a Service has more than one port'],
      [9, 13, 'error', 'duplicate Service port 80/TCP'],
    ]);
  });

  it('warns about a nodePort outside the default range', () => {
    expect(brief(service('    - port: 80\n      nodePort: 8080\n'))).toEqual([
      [8, 17, 'warning', 'nodePort 8080 is outside the default node port range 30000-32767'],
    ]);
  });

  it('validates named targetPorts as IANA service names', () => {
    expect(brief(service('    - port: 80\n      targetPort: web--http\n'))).toEqual([
      [8, 19, 'error', 'Service targetPort name "web--http": must not contain consecutive hyphens'],
    ]);
  });

  // validateServicePort (k8s v1.36.0 pkg/apis/core/validation/validation.go): a Service port name is IsDNS1123Label.
  it('validates Service port names as DNS-1123 labels (63 characters), not IANA service names', () => {
    expect(
      brief(
        service(
          '    - name: tcp-prometheus-servicemonitor\n      port: 80\n    - name: http-exporter-port\n      port: 81\n    - name: admission-webhook\n      port: 443\n',
        ),
      ),
    ).toEqual([]);
    expect(
      brief(service(`    - name: ${'a'.repeat(64)}\n      port: 80\n    - name: Web_1\n      port: 81\n`)),
    ).toEqual([
      [7, 13, 'error', `Service port name "${'a'.repeat(64)}": must be no more than 63 characters`],
      [
        9,
        13,
        'error',
        'Service port name "Web_1": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character',
      ],
    ]);
  });

  // SetDefaults_Service (k8s v1.36.0 pkg/apis/core/v1/defaults.go) sets targetPort 0 and "" to port before validation.
  it('accepts targetPort 0 and "" (defaulted to port), still rejects an out-of-range targetPort', () => {
    expect(brief(service('    - port: 80\n      targetPort: 0\n'))).toEqual([]);
    expect(brief(service('    - port: 80\n      targetPort: ""\n'))).toEqual([]);
    expect(brief(service('    - port: 80\n      targetPort: 70000\n'))).toEqual([
      [8, 19, 'error', 'Service targetPort 70000: must be between 1 and 65535, inclusive'],
    ]);
  });
});
