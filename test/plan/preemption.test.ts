/**
 * DefaultPreemption, worked by hand from kubernetes v1.36 pkg/scheduler/framework/plugins/defaultpreemption/
 * default_preemption.go (SelectVictimsOnNode, filterPodsWithPDBViolation, PodEligibleToPreemptOthers) and
 * pkg/scheduler/framework/preemption/preemption.go (Evaluator.Preempt, pickOneNodeForPreemption).
 */
import { describe, expect, it } from 'vitest';
import { selectorFromMap } from '../../src/k8s/label-selector.js';
import { planToJson } from '../../src/plan/json.js';
import { plan } from '../../src/plan/index.js';
import { renderPlanText } from '../../src/plan/render.js';
import type { DisruptionBudget } from '../../src/plan/scheduler/framework.js';
import { pickOneNodeForPreemption, type Candidate } from '../../src/plan/scheduler/plugins/default-preemption.js';
import { Scheduler } from '../../src/plan/scheduler/scheduler.js';
import { ClusterState, type NodeState } from '../../src/plan/scheduler/state.js';
import type { SchedPod } from '../../src/plan/scheduler/types.js';
import { manifests, node, NO_VICTIMS, NOT_HELPFUL, pod, preemptionSentence, requesting } from './helpers.js';

const prio = (name: string, priority: number, cpu: string, labels: Record<string, string> = {}) =>
  pod(name, requesting(cpu), { priority, labels });

describe('SelectVictimsOnNode: the fewest, least important victims', () => {
  it('removes every lower-priority pod, then reprieves by priority while the pod still fits', () => {
    const cluster = new ClusterState([node('a', { cpu: '4' })]);
    cluster.add(prio('low1', 1, '1'), 'a');
    cluster.add(prio('low2', 2, '1'), 'a');
    cluster.add(prio('low3', 3, '2'), 'a');
    const s = new Scheduler(cluster);
    // 4 CPU used, the preemptor (priority 10) needs 2. All three removed → 4 free. Reprieve low3 (2 CPU): 2 used,
    // 2 free ≥ 2 → stays. low2 (1 CPU): 3 used, 1 free < 2 → victim. low1: same → victim.
    const r = s.schedule(prio('high', 10, '2'));
    expect(r.node).toBeNull();
    expect(r.nominatedNode).toBe('a');
    expect(r.victims?.map((v) => v.name)).toEqual(['low2', 'low1']);
    // A PostFilter that succeeds adds no message: the FailedScheduling text is the filter sentence alone.
    expect(r.reason).toBe('0/1 nodes are available: 1 Insufficient cpu.');
    // The dry run leaves the node as it was: 1 + 1 + 2 CPU still requested there.
    expect(cluster.node('a')?.requested.cpu).toBe(4000);
    expect(cluster.node('a')?.pods.size).toBe(3);
  });

  it('pods of equal or higher priority are never victims', () => {
    const cluster = new ClusterState([node('a', { cpu: '2' })]);
    cluster.add(prio('same', 10, '2'), 'a');
    const r = new Scheduler(cluster).schedule(prio('p', 10, '1'));
    // 1 CPU ≤ 2 allocatable (resolvable), but "same" has priority 10, not lower than 10
    expect(r.nominatedNode).toBeUndefined();
    expect(r.reason).toBe('0/1 nodes are available: 1 Insufficient cpu.' + preemptionSentence(1, [`1 ${NO_VICTIMS}`]));
  });

  it('a node where the pod does not fit even when emptied reports the filter reason', () => {
    // The preemptor's hostPort 80 is held by a pod of equal priority; a low pod uses the cpu.
    const cluster = new ClusterState([node('a', { cpu: '2' })]);
    const withPort = (name: string, priority: number, cpu: string) =>
      pod(
        name,
        {
          containers: [
            { name: 'c', image: 'x', ports: [{ containerPort: 80, hostPort: 80 }], resources: { requests: { cpu } } },
          ],
        },
        { priority },
      );
    cluster.add(withPort('holder', 5, '100m'), 'a');
    cluster.add(prio('low', 0, '1900m'), 'a');
    const r = new Scheduler(cluster).schedule(withPort('p', 5, '1'));
    // Filter: NodePorts rejects first (Unschedulable). Dry run: remove "low" (0 < 5) → the port is still taken →
    // SelectVictimsOnNode returns that filter status, which the preemption FitError counts.
    expect(r.nominatedNode).toBeUndefined();
    expect(r.reason).toBe(
      "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports." +
        preemptionSentence(1, ["1 node(s) didn't have free ports for the requested pod ports"]),
    );
  });
});

describe('the FailedScheduling message with preemption (v1.36)', () => {
  it('counts "No preemption victims" and "not helpful" nodes, sorted as strings', () => {
    // 3 tainted nodes (UnschedulableAndUnresolvable: not helpful), 2 full of priority-0 pods (no victims).
    const taint = { key: 'dedicated', value: 'infra', effect: 'NoSchedule' };
    const cluster = new ClusterState([
      node('t1', { taints: [taint] }),
      node('t2', { taints: [taint] }),
      node('t3', { taints: [taint] }),
      node('f1', { cpu: '1' }),
      node('f2', { cpu: '1' }),
    ]);
    cluster.add(prio('x1', 0, '1'), 'f1');
    cluster.add(prio('x2', 0, '1'), 'f2');
    const r = new Scheduler(cluster).schedule(prio('p', 0, '500m'));
    expect(r.reason).toBe(
      '0/5 nodes are available: 2 Insufficient cpu, 3 node(s) had untolerated taint {dedicated: infra}.' +
        ' no new claims to deallocate, preemption: 0/5 nodes are available: 2 No preemption victims found for incoming pod, 3 Preemption is not helpful for scheduling.',
    );
  });

  it('preemptionPolicy: Never is not eligible', () => {
    const cluster = new ClusterState([node('a', { cpu: '1' })]);
    cluster.add(prio('low', 0, '1'), 'a');
    const never = pod('p', requesting('1', undefined, { preemptionPolicy: 'Never' }), { priority: 100 });
    const r = new Scheduler(cluster).schedule(never);
    expect(r.nominatedNode).toBeUndefined();
    expect(r.reason).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('follows --kube-version: 1.33 has no DynamicResources and a too-big request is resolvable', () => {
    const cluster = () => new ClusterState([node('a'), node('b'), node('c')]);
    const big = () => pod('big', requesting('5'));
    // v1.33: NodeResourcesFit returns Unschedulable for 5 > 4 → preemption tries, finds no lower-priority pod.
    expect(new Scheduler(cluster(), { services: [], kubeVersion: '1.33' }).schedule(big()).reason).toBe(
      '0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    );
    // v1.34 (PR #131345, DynamicResourceAllocation GA): unresolvable → not helpful, after the DRA note.
    expect(new Scheduler(cluster(), { services: [], kubeVersion: '1.34' }).schedule(big()).reason).toBe(
      '0/3 nodes are available: 3 Insufficient cpu.' + preemptionSentence(3, [`3 ${NOT_HELPFUL}`]),
    );
  });
});

describe('pickOneNodeForPreemption', () => {
  const cluster = new ClusterState([node('a'), node('b'), node('c')]);
  const at = (name: string): NodeState => cluster.node(name)!;
  const v = (name: string, priority: number, startTime?: number): SchedPod => {
    const p = prio(name, priority, '1');
    if (startTime !== undefined) p.startTime = startTime;
    return p;
  };
  const c = (n: string, victims: SchedPod[], numPDBViolations = 0): Candidate => ({
    node: at(n),
    victims,
    numPDBViolations,
  });

  it('1. fewest PDB violations', () => {
    expect(pickOneNodeForPreemption([c('a', [v('x', 0)], 1), c('b', [v('y', 5)], 0)])?.node.name).toBe('b');
  });
  it('2. lowest highest-priority victim', () => {
    expect(pickOneNodeForPreemption([c('a', [v('x', 5)]), c('b', [v('y', 3), v('z', 3)])])?.node.name).toBe('b');
  });
  it('3. smallest sum of (priority + 2^31): one victim of 3 beats three of 1', () => {
    // a: 3 + 2147483648 = 2147483651; b: 3 × (1 + 2147483648) = 6442450947 — highest priorities 3 vs 1 differ,
    // so give both the same top priority: a = [3, 3] → 2·2147483651 = 4294967302; b = [3, 1, 1] →
    // 2147483651 + 2·2147483649 = 6442450949. a is smaller.
    expect(
      pickOneNodeForPreemption([c('a', [v('x', 3), v('y', 3)]), c('b', [v('p', 3), v('q', 1), v('r', 1)])])?.node.name,
    ).toBe('a');
  });
  it('5. latest start of the highest-priority victims; then the smallest name', () => {
    const t = Date.parse('2025-01-01T10:00:00Z');
    const u = Date.parse('2025-01-01T11:00:00Z');
    // equal on 1–4 (one victim of priority 2 each): b's victim started later → b
    expect(pickOneNodeForPreemption([c('a', [v('x', 2, t)]), c('b', [v('y', 2, u)])])?.node.name).toBe('b');
    // a victim that has not started counts as "now", later than any start
    expect(pickOneNodeForPreemption([c('a', [v('x', 2, u)]), c('c', [v('y', 2)])])?.node.name).toBe('c');
    // all equal: kubeplan takes the smallest name (upstream: Go map order)
    expect(pickOneNodeForPreemption([c('c', [v('x', 2, t)]), c('b', [v('y', 2, t)])])?.node.name).toBe('b');
  });
});

describe('PodDisruptionBudgets in preemption', () => {
  const budget = (allowed: number): DisruptionBudget => ({
    namespace: 'default',
    name: 'guard',
    selector: selectorFromMap({ app: 'guarded' }),
    disruptionsAllowed: () => allowed,
  });

  it('prefers the node whose victims violate no PDB', () => {
    const cluster = new ClusterState([node('a', { cpu: '2' }), node('b', { cpu: '2' })]);
    cluster.add(prio('guarded-0', 0, '2', { app: 'guarded' }), 'a');
    cluster.add(prio('free-0', 5, '2', { app: 'free' }), 'b');
    // Without PDBs a wins: its victim has priority 0 < 5 (criterion 2).
    expect(new Scheduler(cluster).schedule(prio('p', 10, '1'), { bind: false }).nominatedNode).toBe('a');
    // disruptionsAllowed 0: evicting guarded-0 takes the budget to −1 → 1 violation on a, 0 on b → b.
    const guarded = new Scheduler(cluster, { services: [], pdbs: [budget(0)] });
    const r = guarded.schedule(prio('p', 10, '1'), { bind: false });
    expect(r.nominatedNode).toBe('b');
    expect(r.victims?.map((x) => x.name)).toEqual(['free-0']);
    // With one disruption allowed the budget goes to 0, not below: no violation → back to a.
    expect(
      new Scheduler(cluster, { services: [], pdbs: [budget(1)] }).schedule(prio('p', 10, '1'), { bind: false })
        .nominatedNode,
    ).toBe('a');
  });
});

describe('plan: preemption evicts running pods, their controllers re-create them', () => {
  const clusterYaml = `
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
  status: {allocatable: {cpu: "2", memory: 8Gi, pods: "110"}}
- apiVersion: v1
  kind: Node
  metadata: {name: n2, labels: {kubernetes.io/hostname: n2}}
  status: {allocatable: {cpu: "2", memory: 8Gi, pods: "110"}}
- apiVersion: v1
  kind: Pod
  metadata:
    name: web-abc-x1
    generateName: web-abc-
    labels: {app: web}
    ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: web-abc, controller: true, uid: u1}]
  spec: {nodeName: n1, containers: [{name: c, image: web, resources: {requests: {cpu: 1500m}}}]}
  status: {phase: Running, startTime: "2024-06-01T00:00:00Z"}
- apiVersion: v1
  kind: Pod
  metadata: {name: bare, labels: {app: bare}}
  spec: {nodeName: n2, containers: [{name: c, image: bare, resources: {requests: {cpu: 1500m}}}]}
  status: {phase: Running, startTime: "2024-01-01T00:00:00Z"}
`;
  const inputs = `
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: v1
kind: Pod
metadata: {name: critical}
spec: {priorityClassName: high, containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]}
`;
  const run = () =>
    plan(manifests(inputs), { cluster: { manifests: manifests(clusterYaml, 'cluster.yaml'), source: 'cluster.yaml' } });

  it('evicts the victim on the chosen node and schedules its replacement on what is left', () => {
    const r = run();
    // Both nodes have 500m free < 1 CPU. Each has one priority-0 victim: criteria 1–4 tie; criterion 5 prefers
    // the later start: web-abc-x1 (June) on n1 over bare (January) on n2 → n1.
    const critical = r.pods.find((p) => p.name === 'critical')!;
    expect(critical.node).toBe('n1');
    expect(critical.reason).toBeUndefined();
    expect(r.evictions).toHaveLength(1);
    const e = r.evictions[0]!;
    expect(e).toMatchObject({
      pod: 'default/web-abc-x1',
      node: 'n1',
      cause: 'preempted by default/critical (priority 1000)',
      owner: { kind: 'ReplicaSet', name: 'web-abc' },
    });
    // The ReplicaSet's new pod (1500m, priority 0): n1 has 2000 − 1000 = 1000m free, n2 500m → Pending; nothing of
    // lower priority to evict anywhere.
    expect(e.replacement?.name).toMatch(/^web-abc-[a-z0-9]{5}$/);
    expect(e.replacement?.node).toBeNull();
    expect(e.replacement?.reason).toBe(
      '0/2 nodes are available: 2 Insufficient cpu.' + preemptionSentence(2, [`2 ${NO_VICTIMS}`]),
    );
    // n1 no longer runs the evicted pod; n2 still runs bare.
    expect(r.cluster.nodes.map((n) => [n.name, n.pods, n.running])).toEqual([
      ['n1', ['critical'], []],
      ['n2', [], ['default/bare']],
    ]);
    const json = planToJson(r) as { evictions: unknown[] };
    expect(json.evictions).toEqual([
      {
        pod: 'default/web-abc-x1',
        node: 'n1',
        cause: 'preempted by default/critical (priority 1000)',
        owner: { kind: 'ReplicaSet', name: 'web-abc' },
        replacement: { name: e.replacement!.name, node: null, reason: e.replacement!.reason },
      },
    ]);
    expect(renderPlanText(r)).toContain(
      `default/web-abc-x1 on n1: preempted by default/critical (priority 1000); re-created as ${e.replacement!.name}: Pending`,
    );
  });

  it('a bare pod is not re-created; a class with preemptionPolicy: Never evicts nothing', () => {
    // Give the ReplicaSet pod the earlier start: now n2's bare pod (later) is the victim.
    const swapped = clusterYaml.replace('2024-06-01', '2023-01-01');
    const r = plan(manifests(inputs), { cluster: { manifests: manifests(swapped, 'cluster.yaml'), source: 'c.yaml' } });
    expect(r.pods[0]?.node).toBe('n2');
    expect(r.evictions).toEqual([
      {
        pod: 'default/bare',
        node: 'n2',
        cause: 'preempted by default/critical (priority 1000)',
        owner: null,
        replacement: null,
      },
    ]);
    const never = plan(manifests(inputs.replace('value: 1000', 'value: 1000\npreemptionPolicy: Never')), {
      cluster: { manifests: manifests(clusterYaml, 'cluster.yaml'), source: 'c.yaml' },
    });
    expect(never.evictions).toEqual([]);
    expect(never.pods[0]?.reason).toBe(
      '0/2 nodes are available: 2 Insufficient cpu. no new claims to deallocate, preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('reports which version’s behaviour it used', () => {
    expect(run().settings.kubeVersion).toBe('1.36');
    const r = plan(manifests(inputs), {
      kubeVersion: 'v1.33.2',
      cluster: { manifests: manifests(clusterYaml, 'cluster.yaml'), source: 'c.yaml' },
    });
    expect(r.settings.kubeVersion).toBe('1.33');
    expect(renderPlanText(r)).toContain('Behaviour of Kubernetes 1.33');
  });
});
