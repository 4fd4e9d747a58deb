import { describe, expect, it } from 'vitest';
import rule from '../../rules/hpa-target-missing.js';
import { runRule, yaml } from './helpers.js';

const deployment = yaml`
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: web}
`;

const hpa = (ref: string) => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: {name: web}
  spec:
    scaleTargetRef: ${ref}
    maxReplicas: 5
`;

describe('hpa-target-missing', () => {
  it.each([
    ['kind and name', '{kind: Deployment, name: web}'],
    ['apiVersion too', '{apiVersion: apps/v1, kind: Deployment, name: web}'],
    ['a legacy apiVersion of the same kind', '{apiVersion: extensions/v1beta1, kind: Deployment, name: web}'],
  ])('accepts a target given by %s', (_, ref) => {
    expect(runRule(rule, `${deployment}---\n${hpa(ref)}`)).toEqual([]);
  });

  it('reports a missing target, or one of another kind or API group', () => {
    expect(runRule(rule, `${deployment}---\n${hpa('{kind: StatefulSet, name: web}')}`)).toEqual([
      {
        ruleId: 'hpa-target-missing',
        line: 9,
        column: 45,
        message: 'HorizontalPodAutoscaler web: scale target StatefulSet "web" not found in namespace "default"',
      },
    ]);
    expect(
      runRule(rule, `${deployment}---\n${hpa('{apiVersion: argoproj.io/v1alpha1, kind: Deployment, name: web}')}`).map(
        (f) => f.line,
      ),
    ).toEqual([9]);
  });
});
