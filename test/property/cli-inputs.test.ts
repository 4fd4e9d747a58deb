/**
 * The other file inputs of plan/check are untrusted too: a mutated --cluster file (Nodes and running Pods) and
 * mutated --from manifests (old versions for change plans) never make the CLI exit 2 or write to stderr.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runCli } from '../hostile/helpers.js';
import { mutant, seeds } from './arbitraries.js';

const ALL = seeds();

const PLANNERS = ['plan', 'check'];

const CLUSTER = {
  name: 'cluster.yaml',
  text: [0, 1, 2]
    .map(
      (i) => `apiVersion: v1
kind: Node
metadata:
  name: n${i}
  labels: {kubernetes.io/hostname: n${i}, topology.kubernetes.io/zone: z${i}}
spec:
  taints: [{key: dedicated, value: db, effect: NoSchedule}]
status:
  allocatable: {cpu: "4", memory: 8Gi, pods: "110", ephemeral-storage: 100Gi}
  images: [{names: ["nginx:1.27"], sizeBytes: 1000}]
---
apiVersion: v1
kind: Pod
metadata: {name: running-${i}, namespace: default, labels: {app: x}}
spec:
  nodeName: n${i}
  containers: [{name: c, image: "nginx:1.27", resources: {requests: {cpu: 100m}}}]
`,
    )
    .join('---\n'),
};

const APP = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 5
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      tolerations: [{operator: Exists}]
      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: x}}}]}}
      containers: [{name: c, image: "nginx:1.27", resources: {requests: {cpu: 1, memory: 1Gi}}}]
`;

describe(`${PLANNERS.join(' and ')} with hostile --cluster and --from files`, () => {
  it('a mutated cluster file is reported, never crashed on', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-prop-cluster-'));
    writeFileSync(path.join(dir, 'app.yaml'), APP);
    await fc.assert(
      fc.asyncProperty(
        mutant([CLUSTER]),
        fc.constantFrom(...PLANNERS),
        fc.constantFrom('text', 'json'),
        async (m, command, format) => {
          writeFileSync(path.join(dir, 'cluster.yaml'), m.text);
          const r = await runCli(
            [command, 'app.yaml', '--cluster', 'cluster.yaml', '--format', format, '--explain', 'web'],
            { cwd: dir },
          );
          expect(r.stderr).toBe('');
          expect([0, 1]).toContain(r.code);
        },
      ),
      { numRuns: 100 },
    );
  });

  it('mutated old and new manifests give a change plan, never a crash', { timeout: 60_000 }, async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-prop-from-'));
    // old and new are mutants of the same seed half of the time, so objects pair up and rollouts are planned
    const pair = fc
      .nat({ max: ALL.length - 1 })
      .chain((i) => fc.tuple(mutant([ALL[i]!]), fc.oneof(mutant([ALL[i]!]), mutant(ALL))));
    await fc.assert(
      fc.asyncProperty(
        pair,
        fc.constantFrom(...PLANNERS),
        fc.constantFrom('text', 'json'),
        async ([before, after], command, format) => {
          writeFileSync(path.join(dir, 'old.yaml'), before.text);
          writeFileSync(path.join(dir, 'new.yaml'), after.text);
          const r = await runCli([command, 'new.yaml', '--from', 'old.yaml', '--format', format], { cwd: dir });
          expect(r.stderr).toBe('');
          expect([0, 1]).toContain(r.code);
        },
      ),
      { numRuns: 100 },
    );
  });
});
