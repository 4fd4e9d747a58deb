import { describe, expect, it } from 'vitest';
import rule from '../../rules/allow-privilege-escalation.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (container: string, podSpec = '') => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${podSpec}  containers:
    - name: app
      image: app:1
${container}`;

describe('allow-privilege-escalation', () => {
  it('accepts allowPrivilegeEscalation: false', () => {
    expect(brief(pod('      securityContext:\n        allowPrivilegeEscalation: false\n'))).toEqual([]);
  });

  it('reports an explicit true at the value', () => {
    expect(brief(pod('      securityContext:\n        allowPrivilegeEscalation: true\n'))).toEqual([
      ['allow-privilege-escalation', 10, 35, 'container "app" sets allowPrivilegeEscalation: true; set it to false'],
    ]);
  });

  it('reports the unset default', () => {
    expect(brief(pod(''))).toEqual([
      [
        'allow-privilege-escalation',
        7,
        7,
        'container "app" does not set allowPrivilegeEscalation: false (it defaults to true)',
      ],
    ]);
  });

  it('skips privileged containers, SYS_ADMIN containers and Windows pods', () => {
    expect(brief(pod('      securityContext:\n        privileged: true\n'))).toEqual([]);
    expect(brief(pod('      securityContext:\n        capabilities: {add: [CAP_SYS_ADMIN]}\n'))).toEqual([]);
    expect(brief(pod('', '  os:\n    name: windows\n'))).toEqual([]);
  });
});
