import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/index.js';
import { MAX_PLANNED_PODS, plan } from '../../src/plan/index.js';

const deployment = (name: string, replicas: number) => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: a, image: a:1}]
`;

describe('the plan-wide pod budget', () => {
  it('skips a workload that would create more pods than a plan may hold, with a finding at spec.replicas', () => {
    const text = deployment('small', 2) + deployment('zz-huge', 2147483647);
    const result = plan(loadText(text, 'a.yaml').manifests);
    // `small` (2 pods) fits; `zz-huge` does not and creates none, instead of exhausting memory.
    expect(result.pods.map((p) => [p.owner?.kind, p.owner?.name.replace(/-[a-z0-9]+$/, '')])).toEqual([
      ['ReplicaSet', 'small'],
      ['ReplicaSet', 'small'],
    ]);
    const skipped = result.findings.filter((f) => f.ruleId === 'plan/skipped');
    expect(skipped.map((f) => [f.line, f.message])).toEqual([
      [
        17,
        `Deployment zz-huge would create 2147483647 pods; a plan creates at most ${MAX_PLANNED_PODS} (2 already planned), so it is not planned`,
      ],
    ]);
  });

  it('is the Kubernetes scalability envelope (150,000 pods) by default, and maxPods sets it', () => {
    expect(MAX_PLANNED_PODS).toBe(150_000);
    const text = deployment('a', 2) + deployment('b', 2);
    const full = plan(loadText(text, 'a.yaml').manifests, { maxPods: 4 });
    expect(full.pods).toHaveLength(4);
    expect(full.findings.filter((f) => f.ruleId === 'plan/skipped')).toEqual([]);
    const cut = plan(loadText(text, 'a.yaml').manifests, { maxPods: 3 });
    expect(cut.pods.map((p) => p.owner?.name.replace(/-[a-z0-9]+$/, ''))).toEqual(['a', 'a']);
    expect(cut.findings.filter((f) => f.ruleId === 'plan/skipped').map((f) => f.message)).toEqual([
      'Deployment b would create 2 pods; a plan creates at most 3 (2 already planned), so it is not planned',
    ]);
  });

  it('applies to Jobs (parallelism) too', () => {
    const job =
      'apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  parallelism: 100000000\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: a:1}]\n';
    const result = plan(loadText(job, 'j.yaml').manifests);
    expect(result.pods).toEqual([]);
    expect(result.findings.map((f) => [f.ruleId, f.line])).toEqual([['plan/skipped', 5]]);
  });
});
