import { describe, expect, it } from 'vitest';
import rule from '../../rules/liveness-equals-readiness.js';
import { appPod, runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (readiness: string, liveness: string) =>
  appPod(`      readinessProbe:\n        ${readiness}\n      livenessProbe:\n        ${liveness}\n`);

const message =
  'container "app" uses the same check for livenessProbe and readinessProbe: an overloaded pod gets restarted instead of just taken out of rotation';

describe('liveness-equals-readiness', () => {
  it('accepts different checks', () => {
    expect(brief(pod('httpGet: {path: /ready, port: 8080}', 'httpGet: {path: /live, port: 8080}'))).toEqual([]);
    expect(brief(pod('tcpSocket: {port: 8080}', 'httpGet: {path: /ready, port: 8080}'))).toEqual([]);
  });

  it('reports the same handler at the livenessProbe key, whatever the key order or timing', () => {
    expect(
      brief(
        pod(
          'httpGet: {path: /ready, port: 8080}\n        periodSeconds: 5',
          'httpGet: {port: 8080, path: /ready}\n        periodSeconds: 20',
        ),
      ),
    ).toEqual([['liveness-equals-readiness', 12, 7, message]]);
    expect(brief(pod('exec: {command: [cat, /tmp/ok]}', 'exec: {command: [cat, /tmp/ok]}'))).toEqual([
      ['liveness-equals-readiness', 11, 7, message],
    ]);
  });

  it('ignores probes without a handler', () => {
    expect(brief(pod('periodSeconds: 5', 'periodSeconds: 5'))).toEqual([]);
  });
});
