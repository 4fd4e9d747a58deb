import { describe, expect, it } from 'vitest';
import rule from '../../rules/missing-readiness-probe.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const deployment = (containers: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
${containers}`;

const plain = '      - name: app\n        image: app:1\n';
const probed =
  '      - name: app\n        image: app:1\n        readinessProbe:\n          httpGet: {path: /ready, port: 8080}\n      - name: sidecar\n        image: proxy:1\n';
const service = (selector: string, namespace = 'default') =>
  `---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: ${namespace}\nspec:\n  selector: ${selector}\n  ports: [{port: 80}]\n`;

describe('missing-readiness-probe', () => {
  it('accepts a pod where one container gates readiness', () => {
    expect(brief(deployment(probed))).toEqual([]);
  });

  it('reports a workload when the input has no Service (cannot tell)', () => {
    expect(brief(deployment(plain))).toEqual([
      ['missing-readiness-probe', 13, 9, 'container "app" has no readinessProbe'],
    ]);
  });

  it('reports a workload selected by a Service, saying why', () => {
    expect(brief(deployment(plain) + service('{app: web}'))).toEqual([
      [
        'missing-readiness-probe',
        13,
        9,
        'container "app" has no readinessProbe: its Service sends traffic before it is ready',
      ],
    ]);
  });

  it('skips workloads no Service selects, in their namespace', () => {
    expect(brief(deployment(plain) + service('{app: other}'))).toEqual([]);
    expect(brief(deployment(plain) + service('{app: web}', 'elsewhere'))).toEqual([]);
  });

  it('skips Jobs, CronJobs and run-to-completion Pods', () => {
    const job =
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: a:1}]\n';
    const pod =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: OnFailure\n  containers: [{name: a, image: a:1}]\n';
    expect(brief(job)).toEqual([]);
    expect(brief(pod)).toEqual([]);
  });

  it("counts a native sidecar's readiness probe", () => {
    const text =
      'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  initContainers:\n    - name: proxy\n      image: proxy:1\n      restartPolicy: Always\n      readinessProbe: {tcpSocket: {port: 15000}}\n  containers: [{name: a, image: a:1}]\n';
    expect(brief(text)).toEqual([]);
  });
});
