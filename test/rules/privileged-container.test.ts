import { describe, expect, it } from 'vitest';
import rule from '../../rules/privileged-container.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const daemonSet = (securityContext: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: agent:1
          securityContext:
${securityContext}`;

describe('privileged-container', () => {
  it('accepts privileged: false or unset (and YAML 1.1 spellings)', () => {
    expect(brief(daemonSet('            privileged: false\n'))).toEqual([]);
    expect(brief(daemonSet('            privileged: False\n'))).toEqual([]);
    expect(brief(daemonSet('            runAsNonRoot: true\n'))).toEqual([]);
  });

  it('reports privileged: true at the value, YAML 1.1 "yes" included', () => {
    expect(brief(daemonSet('            privileged: true\n'))).toEqual([
      [
        'privileged-container',
        12,
        25,
        'container "agent" runs privileged: it has every capability and all host devices',
      ],
    ]);
    expect(brief(daemonSet('            privileged: yes\n'))).toHaveLength(1);
  });

  it('ignores a string "true" (schema validation reports the type)', () => {
    expect(brief(daemonSet('            privileged: "true"\n'))).toEqual([]);
  });
});
