import { describe, expect, it } from 'vitest';
import rule from '../../rules/host-network.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const deployment = (value: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress
spec:
  template:
    spec:
      hostNetwork: ${value}
      containers: [{name: app, image: app:1}]
`;

describe('host-network', () => {
  it('accepts false', () => expect(brief(deployment('false'))).toEqual([]));

  it('reports true at the value', () => {
    expect(brief(deployment('true'))).toEqual([
      [
        'host-network',
        8,
        20,
        "hostNetwork: true shares the node's network namespace: the pod sees host interfaces and bypasses NetworkPolicies",
      ],
    ]);
  });
});
