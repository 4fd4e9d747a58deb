import { describe, expect, it } from 'vitest';
import rule from '../../rules/networkpolicy-selects-nothing.js';
import { runRule, yaml } from './helpers.js';

const pods = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: api, namespace: shop}
  spec:
    selector: {matchLabels: {app: api}}
    template: {metadata: {labels: {app: api}}}
`;

const policy = (podSelector: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: {name: api, namespace: shop}
  spec:
    ${podSelector}
    policyTypes: [Ingress]
`;

describe('networkpolicy-selects-nothing', () => {
  it.each([
    ['a matching podSelector', 'podSelector: {matchLabels: {app: api}}'],
    ['an empty podSelector (every pod)', 'podSelector: {}'],
    ['no podSelector (same as empty)', ''],
  ])('accepts %s', (_, selector) => {
    expect(runRule(rule, `${pods}---\n${policy(selector)}`)).toEqual([]);
  });

  it('reports a podSelector matching no pods in the namespace', () => {
    expect(runRule(rule, `${pods}---\n${policy('podSelector: {matchLabels: {app: ap1}}')}`)).toEqual([
      {
        ruleId: 'networkpolicy-selects-nothing',
        line: 12,
        column: 16,
        message: 'NetworkPolicy api: podSelector {app: ap1} matches no pods; closest: Deployment api has {app: api}',
      },
    ]);
    const otherNamespace = policy('podSelector: {matchLabels: {app: api}}').replace(
      'namespace: shop',
      'namespace: web',
    );
    expect(runRule(rule, `${pods}---\n${otherNamespace}`).map((f) => f.message)).toEqual([
      'NetworkPolicy api: podSelector {app: api} matches no pods',
    ]);
  });
});
