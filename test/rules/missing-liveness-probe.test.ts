import { describe, expect, it } from 'vitest';
import rule from '../../rules/missing-liveness-probe.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (restartPolicy: string, probe: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  restartPolicy: ${restartPolicy}
  initContainers:
    - name: setup
      image: setup:1
  containers:
    - name: app
      image: app:1
${probe}`;

describe('missing-liveness-probe', () => {
  it('accepts a container with a liveness probe, and ignores init containers', () => {
    expect(brief(pod('Always', '      livenessProbe:\n        httpGet: {path: /healthz, port: 8080}\n'))).toEqual([]);
  });

  it('reports a long-running container without one, at the container', () => {
    expect(brief(pod('Always', ''))).toEqual([
      ['missing-liveness-probe', 11, 7, 'container "app" has no livenessProbe'],
    ]);
  });

  it('skips run-to-completion pods', () => {
    expect(brief(pod('Never', ''))).toEqual([]);
  });
});
