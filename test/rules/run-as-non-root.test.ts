import { describe, expect, it } from 'vitest';
import rule from '../../rules/run-as-non-root.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const deployment = (podSecurity: string, containerSecurity: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    spec:
      securityContext:
${podSecurity || '        {}\n'}      containers:
        - name: app
          image: app:1
          securityContext:
${containerSecurity || '            {}\n'}`;

describe('run-as-non-root', () => {
  it('accepts runAsNonRoot: true or a non-zero runAsUser, at either level', () => {
    expect(brief(deployment('        runAsNonRoot: true\n', ''))).toEqual([]);
    expect(brief(deployment('', '            runAsNonRoot: true\n'))).toEqual([]);
    expect(brief(deployment('        runAsUser: 1000\n', ''))).toEqual([]);
  });

  it('reports a container that may run as root', () => {
    expect(brief(deployment('', ''))).toEqual([
      ['run-as-non-root', 14, 13, 'container "app" may run as root: set runAsNonRoot: true or a non-zero runAsUser'],
    ]);
  });

  it('lets the container override the pod', () => {
    expect(brief(deployment('        runAsNonRoot: true\n', '            runAsNonRoot: false\n'))).toEqual([
      ['run-as-non-root', 14, 27, 'container "app" sets runAsNonRoot: false; it may run as root'],
    ]);
    expect(brief(deployment('        runAsNonRoot: false\n', '            runAsUser: 1000\n'))).toEqual([]);
  });

  it('names the pod level when the pod sets runAsNonRoot: false', () => {
    expect(brief(deployment('        runAsNonRoot: false\n', ''))).toEqual([
      ['run-as-non-root', 9, 23, 'container "app" sets runAsNonRoot: false (pod securityContext); it may run as root'],
    ]);
  });

  it('reports runAsGroup: 0', () => {
    expect(brief(deployment('        runAsGroup: 0\n', '            runAsUser: 1000\n'))).toEqual([
      ['run-as-non-root', 9, 21, 'container "app" runs with the root group (runAsGroup: 0 (pod securityContext))'],
    ]);
  });

  it('leaves an explicit runAsUser: 0 to run-as-root', () => {
    expect(brief(deployment('', '            runAsUser: 0\n'))).toEqual([]);
  });
});
