import { describe, expect, it } from 'vitest';
import rule from '../../rules/host-path-volume.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const deployment = (volumes: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  template:
    spec:
      containers:
        - name: app
          image: app:1
          volumeMounts:
            - {name: data, mountPath: /data}
            - {name: logs, mountPath: /logs, readOnly: true}
      volumes:
${volumes}`;

describe('host-path-volume', () => {
  it('accepts other volume types', () => {
    expect(brief(deployment('        - name: data\n          emptyDir: {}\n'))).toEqual([]);
  });

  it('reports hostPath volumes at the path, saying how they are mounted', () => {
    const volumes =
      '        - name: data\n          hostPath: {path: /data}\n        - name: logs\n          hostPath:\n            path: /var/log\n        - name: spare\n          hostPath: {path: /spare}\n';
    expect(brief(deployment(volumes))).toEqual([
      [
        'host-path-volume',
        16,
        28,
        'hostPath volume "data" mounts host path /data (mounted writable by container "app")',
      ],
      [
        'host-path-volume',
        19,
        19,
        'hostPath volume "logs" mounts host path /var/log (mounted read-only by container "app")',
      ],
      ['host-path-volume', 21, 28, 'hostPath volume "spare" mounts host path /spare (not mounted by any container)'],
    ]);
  });

  it('leaves sensitive paths to sensitive-host-mount', () => {
    expect(brief(deployment('        - name: data\n          hostPath: {path: /etc}\n'))).toEqual([]);
  });
});
