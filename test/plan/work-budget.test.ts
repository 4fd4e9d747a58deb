/**
 * The scheduling-work budget (issue 16 item 3) and the scheduler's shortcuts for identical replicas. The costs are
 * worked by hand: a pod costs the nodes it evaluates (kubernetes v1.30 pkg/scheduler/schedule_one.go
 * numFeasibleNodesToFind: every node below 100 nodes) × (1 + its affinity terms and spread constraints).
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/index.js';
import { NO_VICTIMS, preemptionSentence } from './helpers.js';
import { buildSchedPod, ClusterState, MAX_SCHEDULING_WORK, plan, Scheduler } from '../../src/plan/index.js';

/** `terms` required anti-affinity terms selecting pods labelled `other: x` (no pod is): they never reject a node. */
const deployment = (name: string, replicas: number, terms: number, cpu = '10m') => `---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
${Array.from({ length: terms }, (_, i) => `          - {labelSelector: {matchLabels: {other: x${i}}}, topologyKey: kubernetes.io/hostname}\n`).join('')}      containers: [{name: a, image: a:1, resources: {requests: {cpu: ${cpu}}}}]
`;

const nodes = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `---
apiVersion: v1
kind: Node
metadata: {name: n${String(i).padStart(3, '0')}, labels: {kubernetes.io/hostname: n${i}}}
status: {allocatable: {cpu: '4', memory: 16Gi, pods: '110'}}
`,
  ).join('');

describe('the scheduling-work budget', () => {
  it('stops scheduling once spent, with one plan/skipped warning per workload and no unschedulable error', () => {
    // Default cluster: 3 nodes, all evaluated. 2 terms → 3 × (1 + 2) = 9 per pod: 9, 18, then 27 > 20.
    const result = plan(loadText(deployment('web', 4, 2), 'a.yaml').manifests, { maxSchedulingWork: 20 });
    expect(result.pods.map((p) => p.node !== null)).toEqual([true, true, false, false]);
    expect(result.findings.filter((f) => f.ruleId === 'plan/unschedulable')).toEqual([]);
    const skipped = result.findings.filter((f) => f.ruleId === 'plan/skipped');
    expect(skipped.map((f) => [f.severity, f.line, f.message])).toEqual([
      [
        'warning',
        6,
        '2 of 4 pods of Deployment web were not scheduled: the plan spent its scheduling-work budget (20 node × term evaluations: pods × nodes evaluated × (1 + affinity terms and spread constraints)); raise it with --max-scheduling-work',
      ],
    ]);
  });

  it('admits a pod that spends the budget exactly', () => {
    // 4 pods × 9 = 36: not more than 36.
    const result = plan(loadText(deployment('web', 4, 2), 'a.yaml').manifests, { maxSchedulingWork: 36 });
    expect(result.pods.every((p) => p.node !== null)).toBe(true);
    expect(result.findings.filter((f) => f.ruleId === 'plan/skipped')).toEqual([]);
  });

  it('counts the nodes kube-scheduler evaluates: numFeasibleNodesToFind from 100 nodes, every node with scoreAllNodes', () => {
    // 200 nodes: max(5, 50 − 200/125) = 49 % → 98 nodes, raised to the minimum of 100. No terms: 100 per pod.
    const cluster = { manifests: loadText(nodes(200), 'nodes.yaml').manifests, source: 'nodes.yaml' };
    const manifests = loadText(deployment('web', 3, 0), 'a.yaml').manifests;
    const sampled = plan(manifests, { cluster, maxSchedulingWork: 250 });
    expect(sampled.pods.filter((p) => p.node !== null)).toHaveLength(2);
    // Every node evaluated: 200 per pod.
    const all = plan(manifests, { cluster, maxSchedulingWork: 250, scoreAllNodes: true });
    expect(all.pods.filter((p) => p.node !== null)).toHaveLength(1);
  });

  it('defaults to 10^9, which the scalability envelope (150,000 pods, 5,000 nodes) stays under', () => {
    expect(MAX_SCHEDULING_WORK).toBe(1_000_000_000);
    // 500 of 5,000 nodes evaluated (max(5, 50 − 40) = 10 %), no terms; and every node evaluated.
    expect(150_000 * 500 * 1).toBeLessThan(MAX_SCHEDULING_WORK);
    expect(150_000 * 5_000 * 1).toBeLessThan(MAX_SCHEDULING_WORK);
  });
});

describe('identical replicas that find no node', () => {
  it('each get the FailedScheduling message the first one got, and a change to the cluster is seen', () => {
    // 3 nodes × 4 cpu; 1500m each: two pods per node (3000m), the seventh and eighth fit nowhere:
    // "0/3 nodes are available: 3 Insufficient cpu." (fit.go fitsRequest, FitError.Error).
    const text = deployment('web', 8, 0, '1500m') + deployment('zz-small', 1, 0, '500m');
    const result = plan(loadText(text, 'a.yaml').manifests);
    const web = result.pods.filter((p) => p.workload.name === 'web');
    // preemption: 1500m ≤ 4 CPU, but every pod has priority 0 → no victims on any node
    const failed = '0/3 nodes are available: 3 Insufficient cpu.' + preemptionSentence(3, [`3 ${NO_VICTIMS}`]);
    expect(web.filter((p) => p.node === null).map((p) => p.reason)).toEqual([failed, failed]);
    // A different pod after the failures is scheduled normally (1000m left on each node).
    expect(result.pods.find((p) => p.workload.name === 'zz-small')?.node).not.toBeNull();
  });
});

describe('the scheduler remembering a failed replica', () => {
  it('forgets it once a pod is added or removed', () => {
    const node = {
      name: 'n1',
      labels: { 'kubernetes.io/hostname': 'n1' },
      taints: [],
      unschedulable: false,
      allocatable: { cpu: 1000, memory: 2 ** 30, pods: 110 },
      images: new Map<string, number>(),
    };
    const state = new ClusterState([node]);
    const scheduler = new Scheduler(state);
    // One spec object shared by the replicas, as the controllers do.
    const spec = { containers: [{ name: 'a', image: 'a:1', resources: { requests: { cpu: '600m' } } }] };
    const replica = (name: string) => buildSchedPod({ name, namespace: 'default', labels: { app: 'a' }, spec }).pod;
    const first = replica('a-1');
    expect(scheduler.schedule(first).node).toBe('n1');
    // 600m used of 1000m: another 600m does not fit (fitsRequest).
    const failed = '0/1 nodes are available: 1 Insufficient cpu.' + preemptionSentence(1, [`1 ${NO_VICTIMS}`]);
    expect(scheduler.schedule(replica('a-2')).reason).toBe(failed);
    expect(scheduler.schedule(replica('a-3')).reason).toBe(failed);
    scheduler.remove(first);
    expect(scheduler.schedule(replica('a-4')).node).toBe('n1');
  });
});
