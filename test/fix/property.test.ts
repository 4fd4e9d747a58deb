/**
 * Property test: on mutated manifests full of fixable findings (removed apiVersions, misspelt fields, YAML 1.1
 * scalars, with anchors, flow style, CRLF and broken syntax thrown in by the mutations), fixing never throws, never
 * makes a document unreadable, and is idempotent. Failures print fast-check's seed (see test/setup/fast-check.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixText } from '../../src/fix/index.js';
import { lintText } from '../../src/lint.js';
import { mutant, type Seed } from '../property/arbitraries.js';

const SEEDS: Seed[] = [
  {
    name: 'ingress.yaml',
    text: 'apiVersion: extensions/v1beta1\nkind: Ingress\nmetadata: {name: i}\nspec:\n  backend:\n    serviceName: a\n    servicePort: 80\n  rules:\n  - host: x.example.com\n    http:\n      paths:\n      - path: /\n        backend: {serviceName: b, servicePort: http}\n      - backend:\n          servicePort: 8080  # c\n          serviceName: c\n',
  },
  {
    name: 'workloads.yaml',
    text: 'apiVersion: apps/v1beta1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  replica: 2\n  template:\n    metadata:\n      labels: {app: d, on: yes}\n    spec:\n      containers:\n      - name: a\n        image: a:1\n        env: [{name: X, value: off}, {name: Y, value: 0755}]\n---\napiVersion: apps/v1beta2\nkind: StatefulSet\nmetadata: {name: s}\nspec:\n  serviceName: s\n  template:\n    metadata:\n      labels:\n        app: s\n    spec: {containers: [{name: a, image: a:1}]}\n',
  },
  {
    name: 'misc.yaml',
    text: 'apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: p}\nspec:\n  minAvailable: 1\n  selector: {matchLabels: {app: d}}\n---\napiVersion: autoscaling/v2beta1\nkind: HorizontalPodAutoscaler\nmetadata: {name: h}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: d}\n  maxReplicas: 3\n  metrics:\n  - type: Resource\n    resource: {name: cpu, targetAverageUtilization: 50}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, labels: {debug: on}}\ndata:\n  a: &x yes\n  b: *x\n  c: no\n',
  },
];

const unreadable = (text: string) =>
  lintText(text, 'm.yaml').findings.filter((f) => f.ruleId.startsWith('yaml/') || f.ruleId.startsWith('input/')).length;

describe('fixing mutated manifests', () => {
  it('never throws, never makes YAML unreadable, and a second run changes nothing', { timeout: 60_000 }, () => {
    let fixedSome = 0;
    fc.assert(
      fc.property(mutant(SEEDS), (m) => {
        const run = fixText(m.text, 'm.yaml');
        const output = run.files[0]?.output ?? m.text;
        if (run.files.length > 0) fixedSome++;
        expect(unreadable(output)).toBeLessThanOrEqual(unreadable(m.text));
        expect(fixText(output, 'm.yaml').files).toEqual([]);
      }),
      { numRuns: 150 },
    );
    expect(fixedSome, 'most mutants still have something to fix').toBeGreaterThan(50);
  });
});
