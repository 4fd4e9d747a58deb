import { describe, expect, it } from 'vitest';
import rule from '../../rules/replicas-not-spread.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const deployment = (replicas: number, podSpec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
${podSpec}      containers: [{name: app, image: app:1}]
`;

const antiAffinity = (selector: string, extra = '') => `      affinity:
        podAntiAffinity:
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector: ${selector}
${extra}`;

describe('replicas-not-spread', () => {
  it('accepts anti-affinity or a spread constraint that selects its own pods', () => {
    expect(brief(deployment(3, antiAffinity('{matchLabels: {app: web}}')))).toEqual([]);
    expect(
      brief(deployment(3, antiAffinity('{matchExpressions: [{key: app, operator: In, values: [web, other]}]}'))),
    ).toEqual([]);
    const spread =
      '      topologySpreadConstraints:\n        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: ScheduleAnyway, labelSelector: {matchLabels: {app: web}}}\n';
    expect(brief(deployment(3, spread))).toEqual([]);
  });

  it('skips single-replica workloads', () => {
    expect(brief(deployment(1, ''))).toEqual([]);
  });

  it('reports several replicas with nothing spreading them, at replicas', () => {
    expect(brief(deployment(3, ''))).toEqual([
      [
        'replicas-not-spread',
        7,
        3,
        '3 replicas but no podAntiAffinity or topologySpreadConstraints: they may all land on one node',
      ],
    ]);
  });

  it("reports terms that do not select the workload's own pods, or only other namespaces", () => {
    const message =
      "no podAntiAffinity term or topology spread constraint selects this workload's own pods ({app: web}) in its namespace, so its 3 replicas may all land on one node";
    expect(brief(deployment(3, antiAffinity('{matchLabels: {app: other}}')))).toEqual([
      ['replicas-not-spread', 19, 17, message],
    ]);
    expect(
      brief(deployment(3, antiAffinity('{matchLabels: {app: web}}', '                namespaces: [billing]\n'))),
    ).toEqual([['replicas-not-spread', 19, 17, message]]);
    expect(
      brief(deployment(3, antiAffinity('{matchLabels: {app: web}}', '                namespaces: [shop]\n'))),
    ).toEqual([]);
  });

  it('counts the maximum of an autoscaler', () => {
    const hpa =
      '---\napiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web, namespace: shop}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  minReplicas: 1\n  maxReplicas: 4\n';
    expect(brief(deployment(1, '') + hpa)).toEqual([
      [
        'replicas-not-spread',
        6,
        1,
        'HorizontalPodAutoscaler web: 1–4 replicas but no podAntiAffinity or topologySpreadConstraints: they may all land on one node',
      ],
    ]);
  });
});
