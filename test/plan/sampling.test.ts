import { describe, expect, it } from 'vitest';
import { plan } from '../../src/plan/index.js';
import {
  nodeSamplingSummary,
  nodeTreeOrder,
  numFeasibleNodesToFind,
  zoneKey,
} from '../../src/plan/scheduler/sampling.js';
import { Scheduler } from '../../src/plan/scheduler/scheduler.js';
import { ClusterState } from '../../src/plan/scheduler/state.js';
import { manifests, node, NOT_HELPFUL, pod, preemptionSentence, requesting } from './helpers.js';

// kubernetes/kubernetes@003b446 (v1.35+ line) pkg/scheduler/schedule_one.go numFeasibleNodesToFind,
// findNodesThatPassFilters, findNodesThatFitPod; pkg/scheduler/backend/cache/node_tree.go list.
const names = (n: number, prefix = 'n') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);

describe('numFeasibleNodesToFind (adaptive percentageOfNodesToScore)', () => {
  it('evaluates every node below 100 nodes', () => {
    expect(numFeasibleNodesToFind(3)).toBe(3);
    expect(numFeasibleNodesToFind(99)).toBe(99);
  });

  it('never searches for fewer than 100 nodes', () => {
    // 100 nodes: p = 50 − 100/125 = 50 − 0 = 50 → 100 × 50 / 100 = 50 < 100 → 100
    expect(numFeasibleNodesToFind(100)).toBe(100);
    // 150 nodes: p = 50 − 1 = 49 → 150 × 49 / 100 = 73.5 → 73 < 100 → 100
    expect(numFeasibleNodesToFind(150)).toBe(100);
  });

  it('takes max(5, 50 − n/125) percent of larger clusters', () => {
    // 1,000: p = 50 − 8 = 42 → 420
    expect(numFeasibleNodesToFind(1000)).toBe(420);
    // 5,000: p = 50 − 40 = 10 → 500
    expect(numFeasibleNodesToFind(5000)).toBe(500);
    // 6,000: 50 − 48 = 2 → floor 5 → 300
    expect(numFeasibleNodesToFind(6000)).toBe(300);
    // 2,600: 50 − 20 (2600/125 = 20.8, truncated) = 30 → 780
    expect(numFeasibleNodesToFind(2600)).toBe(780);
  });

  it('evaluates every node at percentageOfNodesToScore 100 (--score-all-nodes)', () => {
    expect(numFeasibleNodesToFind(1000, 100)).toBe(1000);
    expect(numFeasibleNodesToFind(5000, 100)).toBe(5000);
  });
});

describe('nodeTree order', () => {
  it('keys zones by region and zone (GA labels, else failure-domain.beta)', () => {
    expect(zoneKey({})).toBe('');
    expect(zoneKey({ 'topology.kubernetes.io/zone': 'z1' })).toBe(':\u0000:z1');
    expect(zoneKey({ 'failure-domain.beta.kubernetes.io/region': 'r', 'topology.kubernetes.io/zone': 'z' })).toBe(
      'r:\u0000:z',
    );
  });

  it('interleaves zones, one node of each in turn', () => {
    const zoneOf: Record<string, string> = { a1: 'A', a2: 'A', a3: 'A', b1: 'B', c1: 'C', c2: 'C' };
    const nodes = ['a1', 'a2', 'a3', 'b1', 'c1', 'c2'];
    const order = nodeTreeOrder(nodes, (n) => ({ 'topology.kubernetes.io/zone': zoneOf[n]! }));
    // round 0: a1 b1 c1; round 1: a2 (B exhausted) c2; round 2: a3
    expect(order).toEqual(['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
  });
});

describe('sampled filtering with a rotating nextStartNodeIndex', () => {
  const onePod = (name: string) => pod(name, requesting('1', '1Gi'));

  it('filters 100 of 200 identical nodes per pod, starting where the previous pod stopped', () => {
    // 200 nodes (no zone labels: one zone, name order). numFeasibleNodesToFind(200) = 200 × 49 / 100 = 98 → 100.
    const s = new Scheduler(new ClusterState(names(200).map((n) => node(n))));
    // pod 1: start 0, n000..n099 all feasible and equal → smallest name n000; next = (0 + 100) % 200 = 100
    expect(s.schedule(onePod('p1')).node).toBe('n000');
    // pod 2: start 100, n100..n199 (n000 is not among them) → n100; next = 200 % 200 = 0
    expect(s.schedule(onePod('p2')).node).toBe('n100');
    // pod 3: start 0, n000..n099; n000 holds p1 so it scores lower (LeastAllocated, BalancedAllocation) → n001
    expect(s.schedule(onePod('p3')).node).toBe('n001');
  });

  it('evaluates every node with percentageOfNodesToScore 100', () => {
    const s = new Scheduler(new ClusterState(names(200).map((n) => node(n))), undefined, undefined, {
      percentageOfNodesToScore: 100,
    });
    expect(s.schedule(onePod('p1')).node).toBe('n000');
    // all 200 scored: n000 holds p1, every other node is equal → n001, then n002
    expect(s.schedule(onePod('p2')).node).toBe('n001');
    expect(s.schedule(onePod('p3')).node).toBe('n002');
  });

  it('counts rejected nodes as processed when moving nextStartNodeIndex', () => {
    // n000..n049 are cordoned (NodeUnschedulable rejects them), n050..n199 are free.
    const nodes = names(200).map((n, i) => node(n, { unschedulable: i < 50 }));
    const s = new Scheduler(new ClusterState(nodes));
    // pod 1: start 0: 50 rejected, then n050..n149 = 100 feasible → stop; picks n050; next = 150
    const r1 = s.schedule(onePod('p1'), { explain: true });
    expect(r1.node).toBe('n050');
    expect(r1.explain?.nodes.length).toBe(150);
    expect(r1.explain?.note).toBe(
      'sampled: 150 of 200 nodes filtered, stopping at 100 feasible (numFeasibleNodesToFind)',
    );
    // pod 2: start 150: n150..n199 (50 feasible), n000..n049 (50 rejected), n050..n099 (50 feasible) → 100;
    // n050 holds p1, the rest tie → smallest name n051; next = (150 + 150) % 200 = 100
    expect(s.schedule(onePod('p2')).node).toBe('n051');
    // pod 3: start 100: n100..n199 = 100 feasible, all empty → n100
    expect(s.schedule(onePod('p3')).node).toBe('n100');
  });

  it('still reports every node when none fits (the search never stops early)', () => {
    const s = new Scheduler(new ClusterState(names(150).map((n) => node(n, { cpu: '1' }))));
    const r = s.schedule(pod('big', requesting('2')));
    // 2 CPU > 1 CPU allocatable everywhere: unresolvable, so preemption is not helpful on any of the 150
    expect(r.reason).toBe(
      '0/150 nodes are available: 150 Insufficient cpu.' + preemptionSentence(150, [`150 ${NOT_HELPFUL}`]),
    );
  });
});

describe('the plan says which sampling applied', () => {
  it('words the header for small, large and --score-all-nodes plans', () => {
    expect(nodeSamplingSummary(3, false)).toBe('all 3 nodes (kube-scheduler samples only from 100 nodes up)');
    expect(nodeSamplingSummary(1000, false)).toBe(
      'until 420 of 1000 nodes are feasible (numFeasibleNodesToFind; --score-all-nodes evaluates all)',
    );
    expect(nodeSamplingSummary(1000, true)).toBe('all nodes (--score-all-nodes)');
  });

  it('puts it in the plan settings', () => {
    const m = manifests('apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}\n');
    expect(plan(m).settings.nodeSampling).toBe('all 3 nodes (kube-scheduler samples only from 100 nodes up)');
    expect(plan(m, { scoreAllNodes: true }).settings.nodeSampling).toBe('all nodes (--score-all-nodes)');
  });
});
