import { describe, expect, it } from 'vitest';
import rule from '../../rules/ssh-port.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (ports: string) => `apiVersion: v1
kind: Pod
metadata:
  name: git
spec:
  containers:
    - name: git
      image: git:1
      ports:
${ports}`;

describe('ssh-port', () => {
  it('accepts other ports and UDP 22', () => {
    expect(brief(pod('        - containerPort: 2222\n        - {containerPort: 22, protocol: UDP}\n'))).toEqual([]);
  });

  it('reports TCP 22, the protocol defaulting to TCP', () => {
    expect(brief(pod('        - containerPort: 22\n'))).toEqual([
      ['ssh-port', 10, 26, 'container "git" exposes TCP port 22 (SSH)'],
    ]);
  });
});
