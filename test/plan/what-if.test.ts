/**
 * What-if on a planned cluster (src/plan/phases/what-if.ts): `--drain` as `kubectl drain --ignore-daemonsets
 * --delete-emptydir-data` (kubectl v1.34 pkg/drain filters.go: mirror pods skipped, DaemonSet pods ignored, a pod
 * without a controller aborts the drain), evictions through the eviction API's PodDisruptionBudget check
 * (pkg/registry/core/pod/storage/eviction.go; disruptionsAllowed = healthy − desired, pkg/controller/disruption),
 * `--fail-zone` (unreachable nodes, pods lost, controllers re-create), `--headroom` (cluster-capacity's count).
 * Expectations worked by hand on a three-node cluster: node-a1, node-a2 in zone-a, node-b1 in zone-b, 4 CPU each.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { plan as planApi } from '../../src/api/check.js';
import { OptionsError } from '../../src/api/errors.js';
import { plan } from '../../src/plan/index.js';
import type { WhatIfRequest } from '../../src/plan/index.js';
import { runCli } from '../cli/run-cli.js';
import { manifests, NO_VICTIMS, NOT_HELPFUL, preemptionSentence } from './helpers.js';

const node = (name: string, zone: string) => `
apiVersion: v1
kind: Node
metadata: {name: ${name}, labels: {kubernetes.io/hostname: ${name}, topology.kubernetes.io/zone: ${zone}}}
status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}}
`;
const CLUSTER = [node('node-a1', 'zone-a'), node('node-a2', 'zone-a'), node('node-b1', 'zone-b')].join('---');

const web = (cpu: string, minAvailable: number) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: c, image: x, resources: {requests: {cpu: "${cpu}"}}}]}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata: {name: web}
spec: {minAvailable: ${minAvailable}, selector: {matchLabels: {app: web}}}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80}]}
`;

const planWith = (inputs: string, whatIf: WhatIfRequest) =>
  plan(manifests(inputs), {
    cluster: { manifests: manifests(CLUSTER, 'cluster.yaml'), source: 'cluster.yaml' },
    whatIf,
  });
const nodeOfWeb = (r: ReturnType<typeof plan>, i: number) => r.pods.filter((p) => p.workload.name === 'web')[i]!.node;

describe('--drain', () => {
  it('evicts what the budget allows; the replacement lands on an uncordoned node; no Service loses endpoints', () => {
    // 3 × 1 CPU: one replica per node (spreading). minAvailable 2 of 3 healthy: 1 disruption allowed.
    const before = planWith(web('1', 2), { drain: [], failZones: [] });
    const drained = before.pods.find((p) => p.node === 'node-a1')!.name;
    const r = planWith(web('1', 2), { drain: ['node-a1'], failZones: [] });
    expect(r.whatIf?.drains).toEqual([{ node: 'node-a1', evicted: [`default/${drained}`], blocked: [], ignored: [] }]);
    expect(r.pods.find((p) => p.name === drained)?.node).not.toBe('node-a1');
    expect(r.pods.every((p) => p.node !== null)).toBe(true);
    expect(r.cluster.nodes.find((n) => n.name === 'node-a1')?.unschedulable).toBe(true); // cordoned
    expect(r.whatIf?.pending).toEqual([]);
    expect(r.whatIf?.servicesWithoutEndpoints).toEqual([]);
  });

  it('a budget that allows no disruption blocks the eviction, naming the budget', () => {
    // minAvailable 3 of 3 healthy: 0 allowed → 429 from the eviction API; kubectl would retry for ever.
    const r = planWith(web('1', 3), { drain: ['node-a1'], failZones: [] });
    const pod = r.pods.find((p) => p.node === 'node-a1')!;
    expect(r.whatIf?.drains[0]).toEqual({
      node: 'node-a1',
      evicted: [],
      blocked: [
        {
          pod: `default/${pod.name}`,
          reason:
            "Cannot evict pod as it would violate the pod's disruption budget. (PodDisruptionBudget default/web allows 0 disruptions)",
        },
      ],
      ignored: [],
    });
  });

  it('an evicted pod that fits nowhere else stays Pending with the scheduler’s words', () => {
    // 3 × 3 CPU: one per node, 1 CPU free on each. The replacement of node-a1's pod: node-a1 is cordoned
    // (NodeUnschedulable, unresolvable), the other two have 1 CPU < 3 (NodeResourcesFit; same priority: no victims).
    const r = planWith(web('3', 2), { drain: ['node-a1'], failZones: [] });
    const pod = r.pods.find((p) => p.node === null)!;
    const reason =
      '0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient cpu.' +
      preemptionSentence(3, [`1 ${NOT_HELPFUL}`, `2 ${NO_VICTIMS}`]);
    expect(r.whatIf?.pending).toEqual([{ pod: `default/${pod.name}`, reason }]);
    expect(pod.reason).toBe(reason);
  });

  it('DaemonSet pods are left; a pod without a controller aborts the drain before any eviction', () => {
    const inputs = `${web('1', 2)}---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: solo}
spec: {nodeSelector: {kubernetes.io/hostname: node-b1}, containers: [{name: c, image: x}]}
`;
    const a1 = planWith(inputs, { drain: ['node-a1'], failZones: [] }).whatIf!.drains[0]!;
    expect(a1.ignored).toEqual([
      { pod: expect.stringMatching(/^default\/agent-/), reason: 'DaemonSet-managed (--ignore-daemonsets)' },
    ]);
    expect(a1.evicted).toHaveLength(1);
    const b1 = planWith(inputs, { drain: ['node-b1'], failZones: [] }).whatIf!.drains[0]!;
    expect(b1.error).toBe('cannot delete Pods that declare no controller (use --force to override): default/solo');
    expect(b1.evicted).toEqual([]);
  });
});

describe('--fail-zone', () => {
  it('ReplicaSet pods are re-created elsewhere; a StatefulSet pod is not; its Service loses every endpoint', () => {
    const inputs = `${web('1', 2)}---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: 1
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      nodeSelector: {topology.kubernetes.io/zone: zone-a}
      containers: [{name: c, image: x}]
---
apiVersion: v1
kind: Service
metadata: {name: db}
spec: {selector: {app: db}, clusterIP: None, ports: [{port: 5432}]}
`;
    const r = planWith(inputs, { drain: [], failZones: ['zone-a'] });
    const zone = r.whatIf!.failedZones[0]!;
    expect(zone.nodes).toEqual(['node-a1', 'node-a2']);
    const lostWeb = zone.lost.filter((l) => l.pod.startsWith('default/web-'));
    expect(lostWeb).toHaveLength(2);
    expect(lostWeb.every((l) => l.recreated)).toBe(true);
    expect(zone.lost.find((l) => l.pod === 'default/db-0')).toMatchObject({ recreated: false });
    // node-b1 had one web pod (1 CPU); the two replacements fit beside it (3 of 4 CPU).
    expect(r.pods.filter((p) => p.workload.name === 'web').map((p) => p.node)).toEqual([
      'node-b1',
      'node-b1',
      'node-b1',
    ]);
    expect(nodeOfWeb(r, 0)).toBe('node-b1');
    expect(r.whatIf!.servicesWithoutEndpoints).toEqual(['default/db']);
    expect(r.cluster.nodes.find((n) => n.name === 'node-a1')?.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', value: '', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', value: '', effect: 'NoExecute' },
    ]);
  });
});

describe('--headroom', () => {
  it('counts the replicas that still fit, and gives the first refusal', () => {
    // 3 × 1 CPU placed: 3 CPU free on each node → 9 more; the 10th finds 0 free CPU anywhere.
    const r = planWith(web('1', 2), {
      drain: [],
      failZones: [],
      headroom: { kind: 'Deployment', namespace: 'default', name: 'web' },
    });
    expect(r.whatIf?.headroom).toEqual({
      workload: 'Deployment default/web',
      fits: 9,
      reason: '0/3 nodes are available: 3 Insufficient cpu.' + preemptionSentence(3, [`3 ${NO_VICTIMS}`]),
    });
    // The copies were removed again: the plan itself is unchanged.
    expect(r.cluster.nodes.map((n) => n.requested.cpu)).toEqual(['1', '1', '1']);
  });
});

describe('bad what-if options are usage errors', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-what-if-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(path.join(dir, 'cluster.yaml'), CLUSTER);
  writeFileSync(path.join(dir, 'app.yaml'), web('1', 2));

  it('an unknown node, zone or workload is an OptionsError naming it', () => {
    const cluster = { manifests: manifests(CLUSTER, 'cluster.yaml'), source: 'cluster.yaml' };
    const attempt = (o: object) => () => planApi(manifests(web('1', 2)), { cluster, ...o });
    expect(attempt({ drain: ['node-z'] })).toThrow(new OptionsError('--drain node-z: no such node in the cluster'));
    expect(attempt({ failZones: ['zone-q'] })).toThrow(
      new OptionsError('--fail-zone zone-q: no node has topology.kubernetes.io/zone=zone-q (zones: zone-a, zone-b)'),
    );
    expect(attempt({ headroom: 'deploy/api' })).toThrow(/--headroom Deployment\/api: no planned Deployment api/);
    expect(attempt({ headroom: 'daemonset/agent' })).toThrow(/expected \[namespace\/\]kind\/name/);
  });

  it('the CLI exits 2 with the message, and prints the what-if section otherwise', async () => {
    const bad = await runCli(['plan', 'app.yaml', '--cluster', 'cluster.yaml', '--drain', 'node-z'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--drain node-z: no such node in the cluster');
    const good = await runCli(['plan', 'app.yaml', '--cluster', 'cluster.yaml', '--headroom', 'deploy/web'], {
      cwd: dir,
    });
    expect(good.code).toBe(0);
    expect(good.stdout).toContain('headroom of Deployment default/web: 9 more replicas fit; the next: 0/3 nodes');
    const json = await runCli(
      ['plan', 'app.yaml', '--cluster', 'cluster.yaml', '--fail-zone', 'zone-b', '--format', 'json'],
      { cwd: dir },
    );
    expect(JSON.parse(json.stdout).whatIf.failedZones[0]).toMatchObject({ zone: 'zone-b', nodes: ['node-b1'] });
  });
});

describe('--headroom is bounded by the scheduling-work budget', () => {
  it('stops when the budget is spent and says so', () => {
    // 3 nodes evaluated per attempt, no terms: 3 units each. The plan's 3 pods cost 9; a budget of 15 leaves room
    // for 2 headroom copies (9 + 3 + 3 = 15, not over); the third attempt would exceed it.
    const r = plan(manifests(web('1', 2)), {
      cluster: { manifests: manifests(CLUSTER, 'cluster.yaml'), source: 'cluster.yaml' },
      maxSchedulingWork: 15,
      whatIf: { drain: [], failZones: [], headroom: { kind: 'Deployment', namespace: 'default', name: 'web' } },
    });
    expect(r.pods.every((p) => p.node !== null)).toBe(true);
    expect(r.whatIf?.headroom).toEqual({
      workload: 'Deployment default/web',
      fits: 2,
      reason: 'the plan spent its scheduling-work budget (--max-scheduling-work)',
    });
  });
});
