/**
 * Issue 16 item 3: planner work bounded by its input. The two cases from the issue run the built CLI
 * (bundle/kubeplan.cjs) in a child process with a 1 GB heap and a 10 s kill timeout: an out-of-memory abort or a
 * hang fails the test (a guard, not a timing assertion).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CLI = path.resolve(__dirname, '../../bundle/kubeplan.cjs');

function runChild(args: string[]): { status: number | null; signal: NodeJS.Signals | null; stdout: string } {
  const r = spawnSync(process.execPath, ['--max-old-space-size=1024', CLI, ...args], {
    encoding: 'utf8',
    timeout: 10_000,
    maxBuffer: 256 * 2 ** 20,
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, signal: r.signal, stdout: r.stdout };
}

function deployment(replicas: number, affinity: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      affinity:
${affinity}      containers:
      - {name: c, image: 'nginx:1', resources: {requests: {cpu: 1m, memory: 1Mi}}}
`;
}

describe('planner work on hostile workloads', () => {
  it('20,000 replicas with 201 required anti-affinity terms on the default cluster: planned, not an OOM abort', () => {
    const terms = Array.from(
      { length: 201 },
      (_, i) =>
        `          - labelSelector: {matchLabels: {app: web, t${i}: x}}\n            topologyKey: kubernetes.io/hostname\n`,
    ).join('');
    const dir = mkdtempSync(path.join(tmpdir(), 'kp-work-'));
    const file = path.join(dir, 'anti.yaml');
    writeFileSync(
      file,
      deployment(
        20_000,
        `        podAntiAffinity:\n          requiredDuringSchedulingIgnoredDuringExecution:\n${terms}`,
      ),
    );
    const r = runChild(['plan', file]);
    expect(r.signal, 'the child was not killed (timeout) or aborted').toBeNull();
    // The terms select no pod (none carries t<i>=x): 3 nodes × 110 pods (the default cluster's pod limit) fit.
    expect(r.stdout).toContain('Summary: 20000 pods, 330 scheduled, 19670 unschedulable');
    expect(r.stdout).toContain('0/3 nodes are available: 3 Too many pods.');
  });

  it('5,000 replicas with 100 preferred anti-affinity terms on 200 nodes: planned', () => {
    const terms = Array.from(
      { length: 100 },
      (_, i) =>
        `          - weight: 1\n            podAffinityTerm:\n              labelSelector: {matchLabels: {app: web}}\n              topologyKey: k${i}\n`,
    ).join('');
    const nodes = Array.from({ length: 200 }, (_, i) => {
      const labels = [
        `kubernetes.io/hostname: n${i}`,
        ...Array.from({ length: 100 }, (_, j) => `k${j}: v${(i + j) % 7}`),
      ];
      return `apiVersion: v1\nkind: Node\nmetadata:\n  name: n${String(i).padStart(3, '0')}\n  labels: {${labels.join(', ')}}\nstatus:\n  allocatable: {cpu: '64', memory: 256Gi, pods: '110'}\n`;
    }).join('---\n');
    const dir = mkdtempSync(path.join(tmpdir(), 'kp-work-'));
    writeFileSync(
      path.join(dir, 'pref.yaml'),
      deployment(
        5_000,
        `        podAntiAffinity:\n          preferredDuringSchedulingIgnoredDuringExecution:\n${terms}`,
      ),
    );
    writeFileSync(path.join(dir, 'nodes.yaml'), nodes);
    const r = runChild(['plan', path.join(dir, 'pref.yaml'), '--cluster', path.join(dir, 'nodes.yaml')]);
    expect(r.signal, 'the child was not killed (timeout) or aborted').toBeNull();
    // 200 nodes × 110 pods = 22,000 slots: every replica fits.
    expect(r.stdout).toContain('Summary: 5000 pods, 5000 scheduled, 0 unschedulable');
  });

  it('a workload past the scheduling-work budget stops with a plan/skipped warning, not a long run', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'kp-work-'));
    const file = path.join(dir, 'd.yaml');
    writeFileSync(file, deployment(1_000, '        {}\n'));
    // Default cluster: 3 nodes per pod, no terms: 3 × 1,000 = 3,000 > 2,000 → pods 667 … 1,000 are not scheduled.
    const r = runChild(['plan', file, '--max-scheduling-work', '2000']);
    expect(r.signal).toBeNull();
    expect(r.stdout).toContain('334 of 1000 pods of Deployment web were not scheduled');
  });
});
