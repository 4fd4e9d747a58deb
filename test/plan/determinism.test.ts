import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/index.js';
import { plan, planToJson, renderPlanText } from '../../src/plan/index.js';

const fixture = readFileSync(new URL('../fixtures/plan/app.yaml', import.meta.url), 'utf8');
const extra = `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: logs, namespace: kube-system}
spec:
  selector: {matchLabels: {app: logs}}
  template:
    metadata: {labels: {app: logs}}
    spec: {containers: [{name: l, image: "fluent:1", resources: {requests: {cpu: 100m}}}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cache, namespace: shop}
spec:
  replicas: 4
  selector: {matchLabels: {app: cache}}
  template:
    metadata: {labels: {app: cache}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - {labelSelector: {matchLabels: {app: cache}}, topologyKey: kubernetes.io/hostname}
      containers: [{name: c, image: redis}]
---
apiVersion: batch/v1
kind: Job
metadata: {name: migrate, namespace: shop}
spec:
  parallelism: 2
  completions: 2
  template:
    spec: {restartPolicy: Never, containers: [{name: m, image: "migrate:1"}]}
---
apiVersion: v1
kind: Pod
metadata: {generateName: debug-, namespace: shop}
spec: {containers: [{name: d, image: busybox}]}
`;
const input = `${fixture}\n---\n${extra}`;

function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    const a = out[i];
    const b = out[j];
    if (a === undefined || b === undefined) continue;
    out[i] = b;
    out[j] = a;
  }
  return out;
}

function render(text: string, options: Parameters<typeof plan>[1] = {}): string {
  const { manifests } = loadText(text, 'in.yaml');
  const r = plan(manifests, options);
  return `${JSON.stringify(planToJson(r))}\n${renderPlanText(r)}`;
}

describe('determinism', () => {
  it('same input, same output, byte for byte', () => {
    expect(render(input)).toBe(render(input));
  });

  it('document order does not matter', () => {
    const docs = input
      .split(/^---$/m)
      .map((d) => d.trim())
      .filter(Boolean);
    const base = render(docs.join('\n---\n'));
    for (const seed of [1, 2, 3]) expect(render(shuffled(docs, seed).join('\n---\n'))).toBe(base);
  });

  it('manifest array order does not matter', () => {
    const { manifests } = loadText(input, 'in.yaml');
    const a = plan(manifests);
    const b = plan(shuffled(manifests, 7));
    expect(JSON.stringify(planToJson(b))).toBe(JSON.stringify(planToJson(a)));
    expect(b.findings).toEqual(a.findings);
  });

  it('the seed changes generated suffixes only; the wall clock is never read', () => {
    const a = render(input);
    const b = render(input, { seed: 'other' });
    expect(b).not.toBe(a);
    // same ReplicaSet names (hashes do not depend on the seed)
    const rs = (s: string) =>
      (
        JSON.parse(s.split('\n')[0] ?? '') as { workloads: Array<{ replicaSets: Array<{ name: string }> }> }
      ).workloads.flatMap((w) => w.replicaSets.map((x) => x.name));
    expect(rs(b)).toEqual(rs(a));
    expect(a).toContain('"now":"2025-01-01T00:00:00Z"');
  });
});
