/**
 * A plan that starts mid-rollout (ReplicaSets from the --cluster snapshot) and proportional scaling
 * (kubernetes v1.36 pkg/controller/deployment/sync.go scale, deployment/util GetReplicaSetProportion /
 * getReplicaSetFraction). Numbers worked by hand in each test.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/index.js';
import { planChanges } from '../../src/rollout/index.js';
import { simulateRollouts } from '../../src/rollout/rollouts.js';
import { startingReplicaSets } from '../../src/rollout/snapshot.js';
import { readWorkload, type WorkloadSpec } from '../../src/rollout/workload.js';
import { deployment, steps } from './helpers.js';

const spec = (o: Record<string, unknown>): WorkloadSpec => {
  const r = readWorkload(o, 'default');
  if (!r.ok) throw new Error('invalid test workload');
  return r.spec;
};
const template = (image: string) => (deployment(1, image).spec as { template: Record<string, unknown> }).template;

// Mid-rollout from api:1 to api:2 with replicas 10 (maxSurge 25% → 3, maxUnavailable 25% → 2): the old ReplicaSet
// at 8, the new one at 5 (8 + 5 = 13 = 10 + 3), both annotated desired-replicas 10, max-replicas 13.
const start = [
  { name: 'api-old', hash: 'h1', template: template('api:1'), replicas: 8, desired: 10, maxReplicas: 13 },
  { name: 'api-new', hash: 'h2', template: template('api:2'), replicas: 5, desired: 10, maxReplicas: 13 },
];

describe('proportional scaling of a Deployment with two active ReplicaSets', () => {
  it('scaling up 10 → 15 shares the new room 12 / 7', () => {
    // maxSurge of 15 = ceil(3.75) = 4 → allowedSize 19; the ReplicaSets hold 13 → 6 to add.
    // ReplicaSetsBySizeNewer: api-old (8), api-new (5).
    // api-old: round(8·19/13) = round(11.69) = 12 → +4 (min(4, 6)); api-new: round(5·19/13) = round(7.31) = 7 → +2
    // (min(2, 6 − 4)). Leftover 6 − 6 = 0.
    const [r] = simulateRollouts([{ old: spec(deployment(10, 'api:2')), new: spec(deployment(15, 'api:2')), start }]);
    // Then rolloutRolling in the same pass: the new ReplicaSet cannot grow (12 + 7 = 19 = 15 + 4). minAvailable =
    // 15 − floor(3.75) = 12; maxScaledDown = 19 − 12 − 2 (api-new's 2 unready pods) = 5: cleanupUnhealthyReplicas
    // drops api-old's 4 unready pods (→ 8), then scaleDownOldReplicaSetsForRollingUpdate may remove 13 available
    // − 12 = 1 more (→ 7); now 7 + 7 = 14 leaves room for 5 new ones (→ 12).
    expect(r!.events.slice(0, 5).map((e) => e.message)).toEqual([
      'Scaled up replica set api-old to 12',
      'Scaled up replica set api-new to 7',
      'Scaled down replica set api-old to 8',
      'Scaled down replica set api-old to 7',
      'Scaled up replica set api-new to 12',
    ]);
    expect(r!.revisions).toEqual({ old: 'api-old', new: 'api-new' });
    // And on to all 15 in api-new.
    expect(r!.stalled).toBeNull();
    expect(r!.events.at(-1)).toMatchObject({ old: 0, new: 15 });
  });

  it('scaling down 10 → 5 takes 4 from the larger and 2 from the smaller', () => {
    // maxSurge of 5 = ceil(1.25) = 2 → allowedSize 7; 7 − 13 = −6. ReplicaSetsBySizeOlder: api-old (8), api-new (5).
    // api-old: round(8·7/13) = round(4.31) = 4 → −4 (max(−4, −6)); api-new: round(5·7/13) = round(2.69) = 3 → −2
    // (max(−2, −6 + 4)). Leftover 0.
    const [r] = simulateRollouts([{ old: spec(deployment(10, 'api:2')), new: spec(deployment(5, 'api:2')), start }]);
    expect(r!.events.slice(0, 2).map((e) => e.message)).toEqual([
      'Scaled down replica set api-old to 4',
      'Scaled down replica set api-new to 3',
    ]);
    expect(r!.events.at(-1)).toMatchObject({ old: 0, new: 5 });
  });

  it('without a snapshot there is one active ReplicaSet and it is scaled straight to replicas', () => {
    const [r] = simulateRollouts([{ old: spec(deployment(10, 'api:1')), new: spec(deployment(15, 'api:1')) }]);
    expect(steps(r!)).toEqual(['new→15']);
  });
});

describe('the starting ReplicaSets come from the cluster snapshot', () => {
  it('reads ReplicaSets owned by the Deployment, oldest first, with their annotations', () => {
    const snapshot = loadText(
      `
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: api-7d9f
  namespace: prod
  creationTimestamp: "2025-01-02T00:00:00Z"
  labels: {app: api, pod-template-hash: 7d9f}
  annotations: {deployment.kubernetes.io/desired-replicas: "10", deployment.kubernetes.io/max-replicas: "13"}
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, controller: true, uid: x}]
spec:
  replicas: 5
  selector: {matchLabels: {app: api, pod-template-hash: 7d9f}}
  template: {metadata: {labels: {app: api, pod-template-hash: 7d9f}}, spec: {containers: [{name: api, image: "api:2"}]}}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: api-5c4b
  namespace: prod
  creationTimestamp: "2025-01-01T00:00:00Z"
  labels: {app: api, pod-template-hash: 5c4b}
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: api, controller: true, uid: x}]
spec:
  replicas: 8
  template: {metadata: {labels: {app: api, pod-template-hash: 5c4b}}, spec: {containers: [{name: api, image: "api:1"}]}}
---
apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: other-1
  namespace: prod
  labels: {pod-template-hash: "1"}
  ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: other, controller: true, uid: y}]
spec:
  replicas: 1
  template: {spec: {containers: [{name: c, image: x}]}}
`,
      'cluster.yaml',
    ).manifests;
    const rss = startingReplicaSets(snapshot, 'prod', 'api', 'default');
    // planChanges with the snapshot: api scaled 10 → 15 starts from these two ReplicaSets (8 and 5; api-5c4b has no
    // max-replicas annotation, so getReplicaSetFraction falls back to status.replicas = 13 pods — the same 13):
    // the proportional shares of the first test, 12 and 7.
    const load = (text: string, file: string) => loadText(text, file).manifests;
    const asYaml = (o: unknown) => JSON.stringify(o);
    const r = planChanges(
      load(asYaml(deployment(10, 'api:2')), 'old.yaml'),
      load(asYaml(deployment(15, 'api:2')), 'new.yaml'),
      {
        snapshot,
      },
    );
    expect(r.rollouts[0]!.events.slice(0, 2).map((e) => e.message)).toEqual([
      'Scaled up replica set api-5c4b to 12',
      'Scaled up replica set api-7d9f to 7',
    ]);
    expect(rss.map((r) => [r.name, r.replicas, r.desired ?? null, r.maxReplicas ?? null])).toEqual([
      ['api-5c4b', 8, null, null],
      ['api-7d9f', 5, 10, 13],
    ]);
    // The hash label is dropped from the template, so it compares equal to the Deployment's (EqualIgnoreHash).
    expect(rss[1]!.template).toEqual({
      metadata: { labels: { app: 'api' } },
      spec: { containers: [{ name: 'api', image: 'api:2' }] },
    });
  });
});
