import { describe, expect, it } from 'vitest';
import { stateKey, unschedulable, type Plugin } from '../../src/plan/scheduler/framework.js';
import { DEFAULT_PROFILE, type Profile } from '../../src/plan/scheduler/profile.js';
import { Scheduler } from '../../src/plan/scheduler/scheduler.js';
import { ClusterState } from '../../src/plan/scheduler/state.js';
import { plan } from '../../src/plan/index.js';
import { manifests, node, NOT_HELPFUL, pod, preemptionSentence, requesting } from './helpers.js';

const profile = (...plugins: Profile['plugins']): Profile => ({ schedulerName: 'test', plugins });

describe('scheduler framework: the default profile', () => {
  it('lists kube-scheduler’s default plugins in order with their weights', () => {
    // kubernetes v1.30 pkg/scheduler/apis/config/v1/default_plugins.go getDefaultPlugins (MultiPoint), minus the
    // plugins kubeplan does not model (PrioritySort is the planner's queue order; VolumeRestrictions,
    // NodeVolumeLimits, DefaultBinder). VolumeBinding and VolumeZone have no Score by default. DynamicResources
    // goes right before DefaultPreemption (applyFeatureGates, on by default from v1.34).
    expect(DEFAULT_PROFILE.plugins.map((e) => [e.plugin.name, e.weight ?? null])).toEqual([
      ['SchedulingGates', null],
      ['NodeUnschedulable', null],
      ['NodeName', null],
      ['TaintToleration', 3],
      ['NodeAffinity', 2],
      ['NodePorts', null],
      ['NodeResourcesFit', 1],
      ['VolumeBinding', null],
      ['VolumeZone', null],
      ['PodTopologySpread', 2],
      ['InterPodAffinity', 2],
      ['DynamicResources', null],
      ['DefaultPreemption', null],
      ['NodeResourcesBalancedAllocation', 1],
      ['ImageLocality', 1],
    ]);
  });

  it('carries the failing plugin and the short resources in the diagnosis, not only in the text', () => {
    const s = new Scheduler(new ClusterState([node('a', { cpu: '1' }), node('b', { unschedulable: true })]));
    const r = s.schedule(pod('p', requesting('1500m')));
    expect(r.reason).toBe(
      '0/2 nodes are available: 1 Insufficient cpu, 1 node(s) were unschedulable.' +
        preemptionSentence(2, [`2 ${NOT_HELPFUL}`]),
    );
    const a = r.diagnosis?.nodeToStatus.get('a');
    // fitsRequest: 1500m requested, 0 used, 1000m allocatable — more than the node has at all, so from v1.34
    // UnschedulableAndUnresolvable (fit.go InsufficientResource.Unresolvable)
    expect(a).toEqual({
      code: 'UnschedulableAndUnresolvable',
      plugin: 'NodeResourcesFit',
      reasons: ['Insufficient cpu'],
      insufficient: [{ resourceName: 'cpu', reason: 'Insufficient cpu', requested: 1500, used: 0, capacity: 1000 }],
    });
    expect(r.diagnosis?.nodeToStatus.get('b')).toMatchObject({
      code: 'UnschedulableAndUnresolvable',
      plugin: 'NodeUnschedulable',
    });
    expect([...(r.diagnosis?.unschedulablePlugins ?? [])].sort()).toEqual(['NodeResourcesFit', 'NodeUnschedulable']);
    // a pod that fits has no diagnosis
    expect(s.schedule(pod('q', requesting('500m'))).diagnosis).toBeUndefined();
  });
});

describe('scheduler framework: extension points', () => {
  it('runs PreFilter once per pod and Filter once per node, in profile order', () => {
    const calls: string[] = [];
    const KEY = stateKey<number>('Counter');
    const counter: Plugin = {
      name: 'Counter',
      preFilter(cycle) {
        calls.push(`prefilter ${cycle.pod.name}`);
        cycle.state.write(KEY, 41);
        return null;
      },
      filter(cycle, n) {
        calls.push(`filter ${n.name} ${cycle.state.read(KEY) ?? 'no state'}`);
        return n.name === 'a' ? unschedulable('Counter', 'node(s) are a') : null;
      },
    };
    const s = new Scheduler(new ClusterState([node('a'), node('b')]), undefined, profile({ plugin: counter }));
    expect(s.schedule(pod('p', requesting())).node).toBe('b');
    expect(calls).toEqual(['prefilter p', 'filter a 41', 'filter b 41']);
  });

  it('sums weight × normalised score and skips a plugin whose PreScore says Skip', () => {
    // "prefers-b" gives b 10 (×2 = 20) and a 0; "prefers-a" gives a 15 (×1 = 15): b wins 20 to 15.
    const prefersB: Plugin = { name: 'prefers-b', score: (_c, n) => (n.name === 'b' ? 10 : 0) };
    const prefersA: Plugin = { name: 'prefers-a', score: (_c, n) => (n.name === 'a' ? 15 : 0) };
    const cluster = () => new ClusterState([node('a'), node('b')]);
    const weighted = new Scheduler(
      cluster(),
      undefined,
      profile({ plugin: prefersB, weight: 2 }, { plugin: prefersA }),
    );
    const r = weighted.schedule(pod('p', requesting()), { explain: true });
    expect(r.node).toBe('b');
    expect(r.explain?.nodes.map((n) => n.total)).toEqual([15, 20]);
    // With prefers-b skipped at PreScore, only prefers-a counts: a wins 15 to 0.
    const skipped: Plugin = { ...prefersB, preScore: () => false };
    const s = new Scheduler(cluster(), undefined, profile({ plugin: skipped, weight: 2 }, { plugin: prefersA }));
    expect(s.schedule(pod('p', requesting())).node).toBe('a');
  });

  it('calls PostFilter with the diagnosis when no node fits, and reports its nomination without binding', () => {
    const seen: string[] = [];
    const preempt: Plugin = {
      name: 'Preempt',
      postFilter(_cycle, diagnosis) {
        seen.push(...diagnosis.nodeToStatus.keys());
        return { nominatedNodeName: 'a', victims: [] };
      },
    };
    const state = new ClusterState([node('a', { cpu: '1' })]);
    const s = new Scheduler(state, undefined, {
      schedulerName: 'test',
      plugins: [...DEFAULT_PROFILE.plugins, { plugin: preempt }],
    });
    const r = s.schedule(pod('p', requesting('2')));
    expect(r).toMatchObject({ node: null, nominatedNode: 'a', reason: '0/1 nodes are available: 1 Insufficient cpu.' });
    expect(seen).toEqual(['a']);
    expect(state.node('a')?.pods.size).toBe(0);
    // PostFilter does not run when a node fits
    expect(s.schedule(pod('q', requesting('500m'))).node).toBe('a');
    expect(seen).toEqual(['a']);
  });

  it('unreserves in reverse order and leaves the pod unbound when Reserve or PreBind fails', () => {
    const log: string[] = [];
    const reserving = (name: string, fail: 'reserve' | 'prebind' | null): Plugin => ({
      name,
      reserve(_c, n) {
        log.push(`reserve ${name} ${n.name}`);
        return fail === 'reserve' ? unschedulable(name, `${name} cannot reserve`) : null;
      },
      unreserve(_c, n) {
        log.push(`unreserve ${name} ${n.name}`);
      },
      preBind() {
        log.push(`prebind ${name}`);
        return fail === 'prebind' ? unschedulable(name, `${name} cannot bind`) : null;
      },
    });
    const state = new ClusterState([node('a')]);
    const s = new Scheduler(
      state,
      undefined,
      profile({ plugin: reserving('one', null) }, { plugin: reserving('two', 'prebind') }),
    );
    const r = s.schedule(pod('p', requesting()));
    expect(r).toMatchObject({ node: null, reason: 'two cannot bind' });
    expect(log).toEqual([
      'reserve one a',
      'reserve two a',
      'prebind one',
      'prebind two',
      'unreserve two a',
      'unreserve one a',
    ]);
    expect(state.node('a')?.pods.size).toBe(0);

    // Reserve failing in the first plugin: the second's Reserve never runs, but every Unreserve does, in reverse.
    log.length = 0;
    const early = new Scheduler(
      state,
      undefined,
      profile({ plugin: reserving('one', 'reserve') }, { plugin: reserving('two', null) }),
    );
    expect(early.schedule(pod('p', requesting()))).toMatchObject({ node: null, reason: 'one cannot reserve' });
    expect(log).toEqual(['reserve one a', 'unreserve two a', 'unreserve one a']);

    log.length = 0;
    const ok = new Scheduler(state, undefined, profile({ plugin: reserving('one', null) }));
    expect(ok.schedule(pod('p', requesting())).node).toBe('a');
    expect(log).toEqual(['reserve one a', 'prebind one']);
    expect(state.node('a')?.pods.size).toBe(1);
    // evaluate-only (bind: false) never reserves
    log.length = 0;
    expect(ok.schedule(pod('q', requesting()), { bind: false }).node).toBe('a');
    expect(log).toEqual([]);
  });
});

describe('plan: structured scheduler data reaches findings and the kubelet admission', () => {
  it('points the finding at the request of the resource the message names first', () => {
    // Default cluster: 4 CPU, 16Gi per worker. 1 CPU + 20Gi: memory is short on all 3 nodes, cpu fits.
    // Message "3 Insufficient memory" → the finding is at requests.memory (line 11), not requests.cpu (line 10).
    const r = plan(
      manifests(`apiVersion: v1
kind: Pod
metadata: {name: fat}
spec:
  containers:
  - name: c
    image: x
    resources:
      requests:
        cpu: "1"
        memory: 20Gi
`),
    );
    // 20Gi > 16Gi allocatable: unresolvable → preemption is not helpful on any node
    expect(r.pods[0]?.reason).toBe(
      '0/3 nodes are available: 3 Insufficient memory.' + preemptionSentence(3, [`3 ${NOT_HELPFUL}`]),
    );
    const f = r.findings.find((x) => x.ruleId === 'plan/unschedulable');
    expect(f).toMatchObject({ line: 11, column: 9 });
  });

  it('reports the kubelet’s numbers for a spec.nodeName pod that does not fit', () => {
    // kubernetes v1.30 pkg/kubelet/lifecycle/predicate.go: InsufficientResourceError
    // "Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000" (millicores).
    const r = plan(
      manifests(`apiVersion: v1
kind: Pod
metadata: {name: pinned}
spec:
  nodeName: worker-1
  containers: [{name: c, image: x, resources: {requests: {cpu: "5"}}}]
`),
    );
    expect(r.pods[0]?.reason).toBe(
      "rejected by the kubelet on worker-1 (spec.nodeName bypasses the scheduler): Node didn't have enough resource: cpu, requested: 5000, used: 0, capacity: 4000",
    );
  });
});
