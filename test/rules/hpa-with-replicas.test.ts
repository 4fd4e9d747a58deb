import { describe, expect, it } from 'vitest';
import rule from '../../rules/hpa-with-replicas.js';
import { runRule, yaml } from './helpers.js';

const workload = (kind: string, replicas: string) => yaml`
  apiVersion: apps/v1
  kind: ${kind}
  metadata: {name: web}
  spec:
    ${replicas}
    selector: {matchLabels: {app: web}}
`;

const hpa = (kind: string) => yaml`
  apiVersion: autoscaling/v2
  kind: HorizontalPodAutoscaler
  metadata: {name: web-hpa}
  spec:
    scaleTargetRef: {apiVersion: apps/v1, kind: ${kind}, name: web}
    maxReplicas: 5
`;

describe('hpa-with-replicas', () => {
  it('accepts a scaled workload without replicas, and replicas without an HPA', () => {
    expect(runRule(rule, `${workload('Deployment', '')}---\n${hpa('Deployment')}`)).toEqual([]);
    expect(runRule(rule, workload('Deployment', 'replicas: 3'))).toEqual([]);
  });

  it('reports replicas on the Deployment or StatefulSet an HPA scales', () => {
    expect(runRule(rule, `${workload('Deployment', 'replicas: 3')}---\n${hpa('Deployment')}`)).toEqual([
      {
        ruleId: 'hpa-with-replicas',
        line: 5,
        column: 3,
        message:
          'Deployment web: spec.replicas is set, but HorizontalPodAutoscaler web-hpa scales it; every apply resets the scale',
      },
    ]);
    expect(
      runRule(rule, `${workload('StatefulSet', 'replicas: 3')}---\n${hpa('StatefulSet')}`).map((f) => f.line),
    ).toEqual([5]);
  });
});
