/** `context`: more objects for cross-object checks and the plan, findings only for the inputs (pre-commit's mode). */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check, lint } from '../../src/api/index.js';

let dir: string;
const deployment = (name: string, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers:
        - name: ${name}
          image: nginx:1.27
          envFrom: [{configMapRef: {name: shared}}]
${extra}`;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-context-'));
  mkdirSync(path.join(dir, 'k8s'));
  writeFileSync(path.join(dir, 'k8s/config.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared}\n');
  writeFileSync(path.join(dir, 'k8s/web.yaml'), deployment('web'));
  // Broken (schema error) and unplaceable (1000 CPUs on the default 3-node cluster): problems of an untouched file.
  writeFileSync(
    path.join(dir, 'k8s/batch.yaml'),
    deployment('batch', '          resources: {requests: {cpu: "1000"}}\n          ports: [{containerPort: "80"}]\n'),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ids = (findings: { ruleId: string; file: string }[]) => findings.map((f) => `${f.file} ${f.ruleId}`);

describe('lint with context', () => {
  it('without context, the ConfigMap in another file is missing (an error with requireRefs)', () => {
    const result = lint(['k8s/web.yaml'], { cwd: dir, requireRefs: true });
    expect(ids(result.findings.filter((f) => f.severity === 'error'))).toEqual(['k8s/web.yaml missing-reference']);
  });

  it('with context ".", the reference resolves and only the input file is reported', () => {
    const result = lint(['k8s/web.yaml'], { cwd: dir, requireRefs: true, context: ['.'] });
    expect(result.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(new Set(result.findings.map((f) => f.file))).toEqual(new Set(['k8s/web.yaml']));
    expect(result.files).toEqual(['k8s/web.yaml']);
    expect(result.contextFiles).toEqual(['k8s/batch.yaml', 'k8s/config.yaml']);
    // The context's objects were read (they resolve the reference) though nothing is reported on them.
    expect(result.manifests.map((m) => m.file).sort()).toEqual(['k8s/batch.yaml', 'k8s/config.yaml', 'k8s/web.yaml']);
  });

  it('a file named as input and also inside the context is reported', () => {
    const result = lint(['k8s/batch.yaml'], { cwd: dir, context: ['k8s'] });
    expect(ids(result.findings.filter((f) => f.severity === 'error'))).toEqual(['k8s/batch.yaml schema/type']);
  });
});

describe('check with context', () => {
  it("leaves out the plan's findings on context-only objects, keeps them for inputs", () => {
    const onlyWeb = check(['k8s/web.yaml'], { cwd: dir, context: ['.'] });
    expect(onlyWeb.plan.pods.length).toBeGreaterThanOrEqual(2); // web's and batch's pods are planned
    expect(onlyWeb.findings.filter((f) => f.file !== 'k8s/web.yaml')).toEqual([]);
    const withBatch = check(['k8s/batch.yaml'], { cwd: dir, context: ['.'] });
    const batchPlanFindings = withBatch.findings.filter(
      (f) => f.file === 'k8s/batch.yaml' && !/^schema\//.test(f.ruleId),
    );
    expect(batchPlanFindings.map((f) => f.ruleId)).toContain('plan/unschedulable');
  });
});
