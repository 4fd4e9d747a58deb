import { describe, expect, it } from 'vitest';
import rule from '../../rules/pdb-unhealthy-eviction-policy.js';
import { runRule } from './helpers.js';

const brief = (text: string, kubeVersion = '1.34') =>
  runRule(rule, text, { kubeVersion }).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pdb = (policy: string, apiVersion = 'policy/v1') => `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  maxUnavailable: 1
  selector: {matchLabels: {app: web}}
${policy}`;

describe('pdb-unhealthy-eviction-policy', () => {
  it('accepts an explicit policy, either one', () => {
    expect(brief(pdb('  unhealthyPodEvictionPolicy: AlwaysAllow\n'))).toEqual([]);
    expect(brief(pdb('  unhealthyPodEvictionPolicy: IfHealthyBudget\n'))).toEqual([]);
  });

  it('reports a missing policy at spec', () => {
    expect(brief(pdb(''))).toEqual([
      [
        'pdb-unhealthy-eviction-policy',
        5,
        1,
        'unhealthyPodEvictionPolicy is not set: crash-looping pods cannot be evicted while the budget is unmet, which blocks node drains; set AlwaysAllow',
      ],
    ]);
  });

  it('is silent for targets without the field and for policy/v1beta1', () => {
    expect(brief(pdb(''), '1.26')).toEqual([]);
    expect(brief(pdb('', 'policy/v1beta1'))).toEqual([]);
  });
});
