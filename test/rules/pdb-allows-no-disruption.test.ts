import { describe, expect, it } from 'vitest';
import rule from '../../rules/pdb-allows-no-disruption.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pdb = (budget: string, apiVersion = 'policy/v1') => `apiVersion: ${apiVersion}
kind: PodDisruptionBudget
metadata:
  name: web
spec:
  ${budget}
  selector:
    matchLabels: {app: web}
---
`;
const deployment = (replicas: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
${replicas}  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers: [{name: app, image: app:1}]
`;

describe('pdb-allows-no-disruption', () => {
  it('accepts budgets that leave room', () => {
    expect(brief(pdb('minAvailable: 1') + deployment('  replicas: 2\n'))).toEqual([]);
    expect(brief(pdb('maxUnavailable: 1') + deployment(''))).toEqual([]);
    expect(brief(pdb('minAvailable: 50%') + deployment('  replicas: 3\n'))).toEqual([]);
  });

  it('reports minAvailable at or above the replica count, defaulted replicas included', () => {
    expect(brief(pdb('minAvailable: 1') + deployment(''))).toEqual([
      [
        'pdb-allows-no-disruption',
        6,
        17,
        'minAvailable: 1 allows no voluntary disruption of Deployment web (1 replica (the default)): node drains and upgrades will block on its pods',
      ],
    ]);
    expect(brief(pdb('minAvailable: 3') + deployment('  replicas: 2\n'))).toHaveLength(1);
  });

  it('rounds percentages up, as the disruption controller does', () => {
    expect(brief(pdb('minAvailable: 60%') + deployment('  replicas: 2\n'))).toEqual([
      [
        'pdb-allows-no-disruption',
        6,
        17,
        'minAvailable: 60% allows no voluntary disruption of Deployment web (2 replicas): node drains and upgrades will block on its pods',
      ],
    ]);
  });

  it('reports maxUnavailable 0 and minAvailable 100% without looking for workloads', () => {
    expect(brief(pdb('maxUnavailable: 0'))).toEqual([
      [
        'pdb-allows-no-disruption',
        6,
        19,
        'maxUnavailable: 0 allows no voluntary disruption: node drains and upgrades will block on the pods it selects',
      ],
    ]);
    expect(brief(pdb('minAvailable: "100%"'))).toHaveLength(1);
  });

  it('uses the minimum of an autoscaler that targets the workload', () => {
    const hpa = (min: number) =>
      `---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: ${min}\n  maxReplicas: 5\n`;
    expect(brief(pdb('minAvailable: 1') + deployment('  replicas: 3\n') + hpa(1))).toEqual([
      [
        'pdb-allows-no-disruption',
        6,
        17,
        'minAvailable: 1 allows no voluntary disruption of Deployment web (HorizontalPodAutoscaler web: 1–5 replicas): node drains and upgrades will block on its pods',
      ],
    ]);
    expect(brief(pdb('minAvailable: 1') + deployment('') + hpa(2))).toEqual([]);
  });

  it('only counts workloads the budget selects, in its namespace', () => {
    expect(brief(pdb('minAvailable: 1').replace('app: web}', 'app: other}') + deployment(''))).toEqual([]);
    expect(
      brief(pdb('minAvailable: 1').replace('name: web\n', 'name: web\n  namespace: other\n') + deployment('')),
    ).toEqual([]);
  });

  it('treats an empty policy/v1beta1 selector as selecting nothing', () => {
    const text =
      'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: all}\nspec:\n  minAvailable: 1\n  selector: {}\n---\n' +
      deployment('');
    expect(brief(text)).toEqual([]);
    expect(brief(text.replace('policy/v1beta1', 'policy/v1'))).toHaveLength(1);
  });
});
