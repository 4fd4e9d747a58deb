/**
 * StatefulSet podManagementPolicy OrderedReady in the plan (kubernetes v1.36
 * pkg/controller/statefulset/stateful_set_control.go, processReplica / the monotonic loop of
 * updateStatefulSet): a pod that is not Running and Ready stops the loop, so the next ordinal is not created.
 * Parallel creates every ordinal at once.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/plan/index.js';
import { renderPlanText } from '../../src/plan/render.js';
import { manifests, NO_VICTIMS, preemptionSentence } from './helpers.js';

// One node with 4 CPU: db-0 (3 CPU) fits (3 ≤ 4); db-1 would need 3 + 3 = 6 > 4 → Insufficient cpu.
const cluster = {
  manifests: manifests(
    `
apiVersion: v1
kind: Node
metadata: {name: n1, labels: {kubernetes.io/hostname: n1}}
status: {allocatable: {cpu: "4", memory: 8Gi, pods: "110"}}
`,
    'cluster.yaml',
  ),
  source: 'cluster.yaml',
};

const sts = (policy: string, replicas = 3) => `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: ${replicas}
  serviceName: db
  podManagementPolicy: ${policy}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "db:1", resources: {requests: {cpu: "3"}}}]
`;

describe('StatefulSet OrderedReady', () => {
  it('does not create db-2 while db-1 is Pending; Parallel creates both and both are Pending', () => {
    const r = plan(manifests(sts('OrderedReady')), { cluster });
    expect(r.pods.map((p) => [p.name, p.node, p.reason ?? null, p.notCreated ?? false])).toEqual([
      ['db-0', 'n1', null, false],
      // 3 CPU ≤ 4: preemption could help, but db-0 has the same priority (0)
      [
        'db-1',
        null,
        '0/1 nodes are available: 1 Insufficient cpu.' + preemptionSentence(1, [`1 ${NO_VICTIMS}`]),
        false,
      ],
      ['db-2', null, 'not created: waits for db-1 (podManagementPolicy OrderedReady)', true],
    ]);
    expect(r.summary).toEqual({ pods: 3, scheduled: 1, unschedulable: 1, notCreated: 1 });
    // One plan/unschedulable finding (db-1's); the pod that was never created is not "unschedulable".
    expect(r.findings.map((f) => [f.ruleId, f.message])).toEqual([
      [
        'plan/unschedulable',
        'pod db-1 of StatefulSet db cannot be scheduled: 0/1 nodes are available: 1 Insufficient cpu.' +
          preemptionSentence(1, [`1 ${NO_VICTIMS}`]),
      ],
    ]);
    const text = renderPlanText(r, { color: false });
    expect(text).toContain(
      'Not created\n  default/db-2: not created: waits for db-1 (podManagementPolicy OrderedReady)',
    );
    expect(text).toContain('Summary: 3 pods, 1 scheduled, 1 unschedulable, 1 not created');

    const parallel = plan(manifests(sts('Parallel')), { cluster });
    expect(parallel.pods.map((p) => [p.name, p.node, p.notCreated ?? false])).toEqual([
      ['db-0', 'n1', false],
      ['db-1', null, false],
      ['db-2', null, false],
    ]);
    expect(parallel.summary).toEqual({ pods: 3, scheduled: 1, unschedulable: 2 });
  });

  it('the wait chains: each later ordinal waits for the one before it', () => {
    // replicas 4 on the same 4-CPU node: db-0 fits, db-1 Pending, db-2 waits for db-1, db-3 waits for db-2.
    const r = plan(manifests(sts('OrderedReady', 4)), { cluster });
    expect(r.pods.map((p) => [p.name, p.node, p.notCreated ?? false])).toEqual([
      ['db-0', 'n1', false],
      ['db-1', null, false],
      ['db-2', null, true],
      ['db-3', null, true],
    ]);
    expect(r.pods[3]?.reason).toBe('not created: waits for db-2 (podManagementPolicy OrderedReady)');
    // Nothing of db-2 or db-3 was bound: n1 holds db-0's 3 CPU only.
    expect(r.cluster.nodes[0]?.requested.cpu).toBe('3');
  });
});
