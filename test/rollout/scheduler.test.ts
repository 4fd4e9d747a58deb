/**
 * Rollouts on the planner's scheduler: new pods are placed on the cluster model with the old pods still
 * running. Cluster: the built-in default, 3 nodes of 4 CPU; pods request 3 CPU, so one fits per node.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadText } from '../../src/load/index.js';
import { planChanges } from '../../src/rollout/index.js';
import { rolloutCluster } from '../../src/rollout/scheduler-cluster.js';
import { deployment, expectDeploymentInvariants, expectStatefulSetInvariants, statefulSet, steps } from './helpers.js';

const CPU3 = { requests: { cpu: '3' } };

function withResources(o: Record<string, unknown>, resources: unknown): Record<string, unknown> {
  const copy = structuredClone(o) as any;
  copy.spec.template.spec.containers[0].resources = resources;
  return copy;
}

const load = (file: string, o: unknown) =>
  loadText(
    [o]
      .flat()
      .map((x) => stringify(x))
      .join('---\n'),
    file,
  ).manifests;

function plan(
  oldObj: Record<string, unknown> | Record<string, unknown>[],
  newObj: Record<string, unknown> | Record<string, unknown>[],
  clusterObjs?: unknown[],
) {
  const old = load('old.yaml', oldObj);
  const cluster = clusterObjs ? { manifests: load('cluster.yaml', clusterObjs), source: 'cluster.yaml' } : undefined;
  return planChanges(old, load('new.yaml', newObj), { cluster: rolloutCluster(old, cluster ? { cluster } : {}) });
}

describe('rollouts on the scheduler', () => {
  it('stalls when the surge pod fits on no node and maxUnavailable is 0', () => {
    // replicas 3 with the 25%/25% defaults: surge ceil(0.75) = 1, unavailable floor(0.75) = 0.
    // The three old pods take 3 of 4 CPU on every node; the surge pod (3 CPU) fits nowhere → Pending,
    // and maxScaledDown = 4 − 3 − 1 = 0 forever.
    const r = plan(withResources(deployment(3, 'api:1'), CPU3), withResources(deployment(3, 'api:2'), CPU3));
    const rollout = r.rollouts[0]!;
    expect(steps(rollout)).toEqual(['new→1']);
    // preemption (DefaultPreemption, v1.36): 3 CPU fits a 4-CPU node once emptied, but the old pods have the same
    // priority (0) → no victims on any node
    expect(rollout.stalled).toMatch(
      /^pod api-\w+-\w{5} is Pending: 0\/3 nodes are available: 3 Insufficient cpu\. no new claims to deallocate, preemption: 0\/3 nodes are available: 3 No preemption victims found for incoming pod\.$/,
    );
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([['rollout/stalled', 'error', 11]]); // the `template:` key
    expectDeploymentInvariants(rollout, 3);
  });

  it('completes with maxUnavailable 1: each deleted old pod makes room for the Pending new one', () => {
    // surge 1, unavailable 1, minAvailable 2, maxTotal 4 (same arithmetic as the slot-oracle test)
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } };
    const r = plan(
      withResources(deployment(3, 'api:1', strategy), CPU3),
      withResources(deployment(3, 'api:2', strategy), CPU3),
    );
    const rollout = r.rollouts[0]!;
    expect(steps(rollout)).toEqual(['new→1', 'old→2', 'new→2', '~', 'old→1', 'new→3', '~', 'old→0']);
    expect(rollout.events.map((e) => e.pending)).toEqual([1, 0, 1, 0, 1, 0]);
    expect([rollout.stalled, r.findings]).toEqual([null, []]);
    expectDeploymentInvariants(rollout, 3);
  });

  it('a new template that fits no node stalls a StatefulSet after its first replacement', () => {
    // kv-2 is deleted (update) and recreated at 5 CPU: no node has 5 CPU → Pending; OrderedReady waits for it.
    const r = plan(
      withResources(statefulSet(3, 'kv:1'), CPU3),
      withResources(statefulSet(3, 'kv:2'), { requests: { cpu: '5' } }),
    );
    const rollout = r.rollouts[0]!;
    expect(steps(rollout)).toEqual(['-kv-2', '+kv-2']);
    // 5 CPU > 4 allocatable: unresolvable from v1.34 → preemption is not helpful on any node
    expect(rollout.stalled).toBe(
      'pod kv-2 is Pending: 0/3 nodes are available: 3 Insufficient cpu. no new claims to deallocate, preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.',
    );
    expect(rollout.minAvailable).toBe(2);
    expectStatefulSetInvariants(rollout, 3);
  });

  it('a pure image change with room to spare finishes exactly as without a cluster model', () => {
    const a = plan(deployment(4, 'api:1'), deployment(4, 'api:2')).rollouts[0]!;
    expect(steps(a)).toEqual(['new→1', 'old→3', 'new→2', '~', 'old→1', 'new→4', '~', 'old→0']);
    expect(a.stalled).toBeNull();
  });

  it('spelling out API defaults is not a pod template change', () => {
    const explicit = structuredClone(deployment(3, 'api:1')) as any;
    Object.assign(explicit.spec.template.spec.containers[0], {
      imagePullPolicy: 'IfNotPresent',
      terminationMessagePath: '/dev/termination-log',
    });
    const r = plan(deployment(3, 'api:1'), explicit);
    expect(r.changes.map((c) => c.change)).toEqual(['changed']);
    expect(r.rollouts).toEqual([]);
  });

  describe('other workloads take up room too', () => {
    // api: 3 pods × 2 CPU, maxSurge 1, maxUnavailable 0. Alone, every node keeps 2 CPU free and the surge pod fits.
    // bg: 3 pods × 1 CPU (one per node): 4 − 2 − 1 = 1 CPU left per node, so the 2-CPU surge pod fits nowhere.
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    const api = (image: string) => withResources(deployment(3, image, strategy), { requests: { cpu: '2' } });
    const bg = { ...withResources(deployment(3, 'bg:1'), { requests: { cpu: '1' } }), metadata: { name: 'bg' } };

    it('alone, the rollout fits', () => {
      expect(plan(api('api:1'), api('api:2')).rollouts[0]!.stalled).toBeNull();
    });
    it('an unchanged Deployment keeps its pods and the rollout stalls', () => {
      const r = plan([bg, api('api:1')], [bg, api('api:2')]);
      expect(r.rollouts.map((x) => x.name)).toEqual(['api']); // bystanders are simulated, not reported
      // 2 CPU ≤ 4: preemption could help, but every pod has priority 0
      expect(r.rollouts[0]!.stalled).toMatch(
        /Pending: 0\/3 nodes are available: 3 Insufficient cpu\. no new claims to deallocate, preemption: 0\/3 nodes are available: 3 No preemption victims found for incoming pod\.$/,
      );
    });
    it('an added Deployment competes for the same room', () => {
      const r = plan([api('api:1')], [bg, api('api:2')]);
      expect(r.changes.map((c) => `${c.change} ${c.name}`)).toEqual(['added bg', 'changed api']); // default/bg syncs first: its pods are placed before the surge pod
      expect(r.rollouts[0]!.stalled).toMatch(/Insufficient cpu/);
    });
    it('a DaemonSet in the old manifests keeps its pods (placed by the planner)', () => {
      const agent = {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent' },
        spec: {
          selector: { matchLabels: { app: 'agent' } },
          template: {
            metadata: { labels: { app: 'agent' } },
            spec: { containers: [{ name: 'a', image: 'agent:1', resources: { requests: { cpu: '1' } } }] },
          },
        },
      };
      const r = plan([agent, api('api:1')], [agent, api('api:2')]);
      expect(r.rollouts[0]!.stalled).toMatch(
        /0\/3 nodes are available: 3 Insufficient cpu\. no new claims to deallocate, preemption: 0\/3 nodes are available: 3 No preemption victims found for incoming pod\.$/,
      );
    });
    it('a --cluster snapshot: its nodes and its running pods', () => {
      // one node of 8 CPU: api takes 6, the 2-CPU surge pod fits; a running 1-CPU pod leaves only 1 → stall
      const node = {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'big', labels: { 'kubernetes.io/hostname': 'big' } },
        status: { allocatable: { cpu: '8', memory: '32Gi', pods: '110' } },
      };
      const running = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'db', namespace: 'ops' },
        spec: { nodeName: 'big', containers: [{ name: 'db', image: 'db:1', resources: { requests: { cpu: '1' } } }] },
      };
      expect(plan(api('api:1'), api('api:2'), [node]).rollouts[0]!.stalled).toBeNull();
      expect(plan(api('api:1'), api('api:2'), [node, running]).rollouts[0]!.stalled).toMatch(
        /^pod api-\w+-\w{5} is Pending: 0\/1 nodes are available: 1 Insufficient cpu\. no new claims to deallocate, preemption: 0\/1 nodes are available: 1 No preemption victims found for incoming pod\.$/,
      );
    });
    it('a removed Deployment frees its room', () => {
      expect(plan([bg, api('api:1')], [api('api:2')]).rollouts[0]!.stalled).toBeNull();
    });
  });

  it('is deterministic on the scheduler too', () => {
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } };
    const run = () =>
      JSON.stringify(
        plan(
          [withResources(deployment(3, 'api:1', strategy), CPU3), statefulSet(2, 'kv:1')],
          [withResources(deployment(3, 'api:2', strategy), CPU3), statefulSet(3, 'kv:2')],
        ),
      );
    expect(run()).toBe(run());
  });

  it('never throws on arbitrary pod specs', () => {
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (containers, extra) => {
        const broken = structuredClone(deployment(2, 'api:2')) as any;
        broken.spec.template.spec = {
          containers,
          affinity: extra,
          tolerations: extra,
          topologySpreadConstraints: extra,
        };
        const r = plan(deployment(2, 'api:1'), broken);
        expect(r.rollouts.length + r.findings.length).toBeGreaterThan(0);
      }),
      { numRuns: 50, seed: 3 },
    );
  });
});

describe('unchanged workloads in a change plan', () => {
  it('keep their planned pods as room-takers (placed once), so a rollout that needs their room stalls', async () => {
    const { planChanges, rolloutCluster, rolloutWorkloads } = await import('../../src/rollout/index.js');
    const { loadText } = await import('../../src/load/index.js');
    const node =
      'apiVersion: v1\nkind: Node\nmetadata: {name: only, labels: {kubernetes.io/hostname: only}}\n' +
      'status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}}\n';
    const deploy = (name: string, replicas: number, image: string) =>
      `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  replicas: ${replicas}\n` +
      `  selector: {matchLabels: {app: ${name}}}\n  template:\n    metadata: {labels: {app: ${name}}}\n` +
      `    spec: {containers: [{name: c, image: "${image}", resources: {requests: {cpu: "1"}}}]}\n`;
    const old = loadText(`${deploy('big', 3, 'big:1')}---\n${deploy('web', 1, 'web:1')}`, 'old.yaml').manifests;
    const next = loadText(`${deploy('big', 3, 'big:1')}---\n${deploy('web', 1, 'web:2')}`, 'new.yaml').manifests;
    const simulated = rolloutWorkloads(old, next);
    expect([...simulated]).toEqual(['Deployment/default/web']);
    const cluster = rolloutCluster(old, {
      cluster: { manifests: loadText(node, 'cluster.yaml').manifests, source: 'cluster.yaml' },
      simulated,
    });
    expect([...(cluster.placedWorkloads ?? [])]).toEqual(['Deployment/default/big']);
    // 1 replica: maxSurge 25% → 1, maxUnavailable 25% → 0. big's 3 CPU + web's old 1 CPU fill the node's 4 CPU,
    // so the surge pod cannot be placed and nothing may go first: stalled (ResolveFenceposts, rolloutRolling).
    const r = planChanges(old, next, { cluster });
    expect(r.rollouts.map((x) => x.name)).toEqual(['web']);
    expect(r.rollouts[0]?.stalled).toMatch(/Insufficient cpu/);
  });
});
