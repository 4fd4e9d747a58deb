import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-plan-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const deployment = (image: string, replicas = 4, cpu = '100m') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: ${replicas}
  selector:
    matchLabels: {app: api}
  template:
    metadata:
      labels: {app: api}
    spec:
      containers:
        - name: api
          image: ${image}
          resources:
            requests: {cpu: ${cpu}, memory: 64Mi}
`;

describe('kubeplan plan / check', () => {
  it('check on the examples places every pod and exits 0', async () => {
    const r = await runCli(['check', 'examples/']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('Summary: 6 pods, 6 scheduled, 0 unschedulable');
    expect(r.code).toBe(0);
  });

  it("fails on an unschedulable pod with kube-scheduler's reason, at the manifest position", async () => {
    const dir = tree({ 'big.yaml': deployment('api:1', 1, '5') });
    const r = await runCli(['plan', 'big.yaml', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(r.stdout);
    // 5 CPUs requested, 4 allocatable on each of the 3 default nodes: more than a node has, so (v1.34+)
    // preemption is not helpful anywhere.
    expect(out.pods[0].reason).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    const f = out.findings.find((x: { ruleId: string }) => x.ruleId === 'plan/unschedulable');
    expect(f).toMatchObject({ file: 'big.yaml', severity: 'error' });
    expect(r.code).toBe(1);
  });

  it('plan does not report best-practice findings; check does', async () => {
    const dir = tree({ 'd.yaml': deployment('api:1') });
    const planned = await runCli(['plan', 'd.yaml', '--format', 'json'], { cwd: dir });
    expect(
      JSON.parse(planned.stdout).findings.filter((f: { ruleId: string }) => f.ruleId === 'missing-liveness-probe'),
    ).toEqual([]);
    const checked = await runCli(['check', 'd.yaml', '--format', 'json'], { cwd: dir });
    expect(
      JSON.parse(checked.stdout).findings.some((f: { ruleId: string }) => f.ruleId === 'missing-liveness-probe'),
    ).toBe(true);
  });

  it('--from shows the rollout steps of a changed Deployment', async () => {
    const dir = tree({ 'old/d.yaml': deployment('api:1'), 'new/d.yaml': deployment('api:2') });
    const r = await runCli(['plan', 'new', '--from', 'old', '--format', 'json'], { cwd: dir });
    const out = JSON.parse(r.stdout);
    expect(out.changes.map((c: { kind: string; change: string }) => [c.kind, c.change])).toEqual([
      ['Deployment', 'changed'],
    ]);
    // replicas 4, 25%/25%: surge 1, unavailable 1 → new 1, old 3, new 2, old 1, new 4, old 0.
    expect(out.rollouts[0].events.map((e: { old: number; new: number }) => [e.old, e.new])).toEqual([
      [4, 1],
      [3, 1],
      [3, 2],
      [1, 2],
      [1, 4],
      [0, 4],
    ]);
    expect(out.rollouts[0]).toMatchObject({ peakPods: 5, minAvailable: 3, stalled: null });
  });

  it('--base reads the old manifests from a git revision', async () => {
    const dir = tree({ 'k8s/d.yaml': deployment('api:1') });
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
    git('init', '-q');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'add', '.');
    git('-c', 'user.email=t@example.com', '-c', 'user.name=t', 'commit', '-qm', 'base');
    writeFileSync(path.join(dir, 'k8s/d.yaml'), deployment('api:2'));
    const r = await runCli(['plan', 'k8s', '--base', 'HEAD'], { cwd: dir });
    expect(r.stdout).toContain('--- HEAD:k8s/d.yaml');
    expect(r.stdout).toContain('-        - image: api:1');
    expect(r.stdout).toContain('+        - image: api:2');
    expect(r.stdout).toMatch(/Scaled up replica set api-\w+ to 1/);
    expect(r.code).toBe(0);
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const a = await runCli(['check', 'examples/', '--format', 'json']);
    const b = await runCli(['check', 'examples/', '--format', 'json']);
    expect(a.stdout).toBe(b.stdout);
  });
});

describe('--base errors', () => {
  it("exits 2 with git's reason for a revision that does not exist", async () => {
    const dir = tree({ 'k8s/d.yaml': deployment('api:1') });
    execFileSync('git', ['init', '-q'], { cwd: dir });
    const r = await runCli(['plan', 'k8s', '--base', 'no-such-branch'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kubeplan: --base no-such-branch: /);
  });
});
