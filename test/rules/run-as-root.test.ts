import { describe, expect, it } from 'vitest';
import rule from '../../rules/run-as-root.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (podSecurity: string, containerSecurity: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext:
${podSecurity || '    {}\n'}  containers:
    - name: app
      image: app:1
      securityContext:
${containerSecurity || '        {}\n'}`;

describe('run-as-root', () => {
  it('accepts non-zero and unset users', () => {
    expect(brief(pod('', ''))).toEqual([]);
    expect(brief(pod('    runAsUser: 1000\n', ''))).toEqual([]);
  });

  it('reports runAsUser: 0 on the container', () => {
    expect(brief(pod('', '        runAsUser: 0\n'))).toEqual([
      ['run-as-root', 12, 20, 'container "app" runs as root (runAsUser: 0)'],
    ]);
  });

  it('reports a pod-level 0 unless the container overrides it', () => {
    expect(brief(pod('    runAsUser: 0\n', ''))).toEqual([
      ['run-as-root', 7, 16, 'container "app" runs as root (runAsUser: 0 in the pod securityContext)'],
    ]);
    expect(brief(pod('    runAsUser: 0\n', '        runAsUser: 10001\n'))).toEqual([]);
  });

  it('explains the contradiction with runAsNonRoot: true', () => {
    expect(brief(pod('    runAsNonRoot: true\n', '        runAsUser: 0\n'))).toEqual([
      [
        'run-as-root',
        12,
        20,
        'container "app" runs as root (runAsUser: 0); with runAsNonRoot: true the kubelet will refuse to start it',
      ],
    ]);
  });
});
