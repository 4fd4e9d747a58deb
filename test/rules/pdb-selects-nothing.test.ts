import { describe, expect, it } from 'vitest';
import rule from '../../rules/pdb-selects-nothing.js';
import { runRule, yaml } from './helpers.js';

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
  spec:
    selector: {matchLabels: {app: web}}
    template: {metadata: {labels: {app: web, tier: frontend}}}
`;

const pdb = (selector: string, apiVersion = 'policy/v1') => yaml`
  apiVersion: ${apiVersion}
  kind: PodDisruptionBudget
  metadata: {name: web}
  spec:
    minAvailable: 1
    selector: ${selector}
`;

describe('pdb-selects-nothing', () => {
  it.each([
    ['matchLabels', '{matchLabels: {app: web}}'],
    ['matchExpressions', '{matchExpressions: [{key: tier, operator: Exists}]}'],
    ['an empty selector in policy/v1 (every pod)', '{}'],
  ])('accepts %s matching a pod template', (_, selector) => {
    expect(runRule(rule, `${deployment}---\n${pdb(selector)}`)).toEqual([]);
  });

  it('reports a selector that matches no pods, naming the closest', () => {
    expect(runRule(rule, `${deployment}---\n${pdb('{matchLabels: {app: web, tier: backend}}')}`)).toEqual([
      {
        ruleId: 'pdb-selects-nothing',
        line: 13,
        column: 13,
        message:
          'PodDisruptionBudget web: selector {app: web, tier: backend} matches no pods; closest: Deployment web has {app: web, tier: frontend}',
      },
    ]);
  });

  it('reports a missing selector, and an empty one in policy/v1beta1 (where it selected nothing)', () => {
    expect(runRule(rule, `${deployment}---\n${pdb('null')}`)).toEqual([
      {
        ruleId: 'pdb-selects-nothing',
        line: 13,
        column: 3,
        message: 'PodDisruptionBudget web: no selector (or an empty one in policy/v1beta1), so it protects no pods',
      },
    ]);
    expect(runRule(rule, `${deployment}---\n${pdb('{}', 'policy/v1beta1')}`).map((f) => f.line)).toEqual([13]);
  });
});
