import { describe, expect, it } from 'vitest';
import rule from '../../rules/host-pid.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (value: string) => `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostPID: ${value}
  containers: [{name: app, image: app:1}]
`;

describe('host-pid', () => {
  it('accepts false and absent', () => {
    expect(brief(pod('false'))).toEqual([]);
    expect(brief(pod('null'))).toEqual([]);
  });

  it('reports true at the value', () => {
    expect(brief(pod('true'))).toEqual([
      [
        'host-pid',
        6,
        12,
        "hostPID: true shares the node's process namespace: the pod sees and can signal every process on the node",
      ],
    ]);
  });
});
