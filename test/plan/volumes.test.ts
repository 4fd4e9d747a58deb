/**
 * VolumeBinding and VolumeZone (kubernetes v1.36 pkg/scheduler/framework/plugins/volumebinding, binder.go
 * FindPodVolumes / AssumePodVolumes, and plugins/volumezone/volume_zone.go): claims from StatefulSet templates and
 * standalone PVCs, classes from the inputs and the cluster file (default by annotation), Immediate vs
 * WaitForFirstConsumer, allowedTopologies, existing PVs with node affinity or zone labels. Every expected
 * placement and FailedScheduling text below is worked by hand from those sources.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/plan/index.js';
import { planToJson } from '../../src/plan/json.js';
import { manifests, NO_VICTIMS, NOT_HELPFUL, preemptionSentence } from './helpers.js';

// Three nodes, one per zone, 4 CPU each.
const nodes = ['a', 'b', 'c']
  .map(
    (z) => `
apiVersion: v1
kind: Node
metadata: {name: n-${z}, labels: {kubernetes.io/hostname: n-${z}, topology.kubernetes.io/zone: zone-${z}}}
status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}}`,
  )
  .join('\n---');

const clusterOf = (extra = '') => ({
  manifests: manifests(`${nodes}${extra ? `\n---\n${extra}` : ''}`, 'cluster.yaml'),
  source: 'cluster.yaml',
});

const zonalClass = (name: string, mode: string, zones: string[], extra = '') => `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: ${name}${extra}}
provisioner: ebs.csi.aws.com
volumeBindingMode: ${mode}
${zones.length ? `allowedTopologies: [{matchLabelExpressions: [{key: topology.kubernetes.io/zone, values: [${zones.join(', ')}]}]}]` : ''}
`;

const sts = (replicas: number, claimSpec: string) => `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  replicas: ${replicas}
  serviceName: db
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: db, image: "db:1", resources: {requests: {cpu: "1"}}, volumeMounts: [{name: data, mountPath: /d}]}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {${claimSpec}accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
`;

const deploy = (claim: string, cpu = '1') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: app}
spec:
  replicas: 1
  selector: {matchLabels: {app: app}}
  template:
    metadata: {labels: {app: app}}
    spec:
      containers: [{name: c, image: "app:1", resources: {requests: {cpu: "${cpu}"}}}]
      volumes: [{name: v, persistentVolumeClaim: {claimName: ${claim}}}]
`;

const pvc = (name: string, spec: string) => `
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: ${name}}
spec: {${spec}accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
`;

describe('VolumeBinding: WaitForFirstConsumer with allowedTopologies', () => {
  it('StatefulSet pods land in the only allowed zone, then the scheduler gives the volume reasons', () => {
    // Class "zonal": WaitForFirstConsumer, allowedTopologies zone-b. n-a and n-c fail checkVolumeProvisions
    // (MatchTopologySelectorTerms) → ErrReasonBindConflict; n-b takes 4 × 1 CPU = 4 ≤ 4. db-4 then finds n-b full
    // (NodeResourcesFit runs first: "Insufficient cpu") and the other two rejected by VolumeBinding. Reasons sorted
    // as strings: "1 Insufficient cpu" < "2 node(s) didn't …".
    const r = plan(
      manifests(`${zonalClass('zonal', 'WaitForFirstConsumer', ['zone-b'])}---${sts(5, 'storageClassName: zonal, ')}`),
      {
        cluster: clusterOf(),
      },
    );
    expect(r.pods.map((p) => p.node)).toEqual(['n-b', 'n-b', 'n-b', 'n-b', null]);
    expect(r.pods[4]?.reason).toBe(
      // preemption: n-b's pods have priority 0 (no victims); VolumeBinding's status is unresolvable (not helpful)
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't find available persistent volumes to bind." +
        preemptionSentence(3, [`1 ${NO_VICTIMS}`, `2 ${NOT_HELPFUL}`]),
    );
    const claims = r.volumeClaims.map((c) => [c.name, c.binding?.state, c.binding?.node, c.binding?.zone]);
    expect(claims).toEqual([
      ['data-db-0', 'provisioned', 'n-b', 'zone-b'],
      ['data-db-1', 'provisioned', 'n-b', 'zone-b'],
      ['data-db-2', 'provisioned', 'n-b', 'zone-b'],
      ['data-db-3', 'provisioned', 'n-b', 'zone-b'],
      ['data-db-4', 'pending', null, null],
    ]);
    // The JSON output carries the decisions.
    const json = planToJson(r) as { volumeClaims: Array<{ name: string; binding?: { state: string } }> };
    expect(json.volumeClaims[0]?.binding).toMatchObject({
      state: 'provisioned',
      bindingMode: 'WaitForFirstConsumer',
      node: 'n-b',
    });
  });

  it('a claim without storageClassName gets the default class (annotation), from the cluster file', () => {
    // The cluster's default class allows zone-c only; the inputs name no class → DefaultStorageClass admission.
    const r = plan(manifests(sts(2, '')), {
      cluster: clusterOf(
        zonalClass(
          'standard',
          'WaitForFirstConsumer',
          ['zone-c'],
          ', annotations: {storageclass.kubernetes.io/is-default-class: "true"}',
        ),
      ),
    });
    expect(r.pods.map((p) => p.node)).toEqual(['n-c', 'n-c']);
  });

  it('an unknown class constrains nothing (the cluster may have it): default spreading places the pods', () => {
    const r = plan(manifests(sts(3, 'storageClassName: elsewhere, ')), { cluster: clusterOf() });
    expect(r.pods.every((p) => p.node !== null)).toBe(true);
    expect(new Set(r.pods.map((p) => p.node)).size).toBe(3);
    expect(r.volumeClaims[0]?.binding).toBeUndefined(); // nothing decided, nothing reported
  });
});

describe('VolumeBinding: existing PersistentVolumes', () => {
  const localClass = `
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata: {name: local}
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: WaitForFirstConsumer
`;
  const pv = (name: string, size: string, zone: string) => `
apiVersion: v1
kind: PersistentVolume
metadata: {name: ${name}}
spec:
  capacity: {storage: ${size}}
  accessModes: [ReadWriteOnce]
  storageClassName: local
  nodeAffinity: {required: {nodeSelectorTerms: [{matchExpressions: [{key: topology.kubernetes.io/zone, operator: In, values: [${zone}]}]}]}}
`;

  it('binds the smallest Available volume the node can reach; with none left, BindConflict everywhere', () => {
    // pv-small (5Gi, zone-a) and pv-big (50Gi, zone-c) both fit a 5Gi claim: on n-a only pv-small is usable, on
    // n-c only pv-big, n-b none → n-b fails with BindConflict. The scheduler then scores n-a and n-c alike for an
    // empty cluster and takes the smallest name: n-a, binding pv-small.
    const r = plan(manifests(`${localClass}---${pvc('data', 'storageClassName: local, ')}---${deploy('data')}`), {
      cluster: clusterOf(`${pv('pv-small', '5Gi', 'zone-a')}---${pv('pv-big', '50Gi', 'zone-c')}`),
    });
    expect(r.pods[0]?.node).toBe('n-a');
    expect(r.volumeClaims.find((c) => c.name === 'data')?.binding).toMatchObject({
      state: 'bound',
      volume: 'pv-small',
      node: 'n-a',
      bindingMode: 'WaitForFirstConsumer',
    });
    // A 100Gi claim: no volume is large enough and the class does not provision → every node BindConflict.
    const big = plan(
      manifests(
        `${localClass}---${pvc('data', 'storageClassName: local, ').replace('5Gi', '100Gi')}---${deploy('data')}`,
      ),
      { cluster: clusterOf(`${pv('pv-small', '5Gi', 'zone-a')}---${pv('pv-big', '50Gi', 'zone-c')}`) },
    );
    expect(big.pods[0]?.reason).toBe(
      "0/3 nodes are available: 3 node(s) didn't find available persistent volumes to bind." +
        preemptionSentence(3, [`3 ${NOT_HELPFUL}`]),
    );
  });

  it('a bound claim follows its volume’s node affinity (volume node affinity conflict)', () => {
    // data is bound to pv-c (zone-c). n-c is full (a 4-CPU pod runs there), so: n-c "Insufficient cpu",
    // n-a and n-b "node(s) had volume node affinity conflict" (VolumeBinding, bound claims).
    const bound = `
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: default}
spec: {storageClassName: local, volumeName: pv-c, accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
---
apiVersion: v1
kind: Pod
metadata: {name: hog, namespace: default}
spec: {nodeName: n-c, containers: [{name: c, image: x, resources: {requests: {cpu: "4"}}}]}
`;
    const r = plan(manifests(deploy('data')), {
      cluster: clusterOf(`${localClass}---${pv('pv-c', '10Gi', 'zone-c')}---${bound}`),
    });
    expect(r.pods[0]?.reason).toBe(
      '0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had volume node affinity conflict.' +
        preemptionSentence(3, [`1 ${NO_VICTIMS}`, `2 ${NOT_HELPFUL}`]),
    );
  });

  it('an Immediate claim nothing can bind keeps the pod out at PreFilter', () => {
    // Class static: Immediate, no provisioner, and no PersistentVolume → the claim stays unbound and
    // VolumeBinding's PreFilter rejects the pod before any node is filtered.
    const cls = localClass.replace('name: local', 'name: static').replace('WaitForFirstConsumer', 'Immediate');
    const r = plan(manifests(`${cls}---${pvc('data', 'storageClassName: static, ')}---${deploy('data')}`), {
      cluster: clusterOf(),
    });
    // The PreFilter status (UnschedulableAndUnresolvable) stands for every node: preemption is not helpful anywhere.
    expect(r.pods[0]?.reason).toBe(
      '0/3 nodes are available: pod has unbound immediate PersistentVolumeClaims.' +
        preemptionSentence(3, [`3 ${NOT_HELPFUL}`]),
    );
    expect(r.volumeClaims.map((c) => [c.name, c.owner.kind, c.binding?.state])).toEqual([
      ['data', 'PersistentVolumeClaim', 'pending'],
    ]);
  });

  it('an Immediate claim of a provisioning class with allowedTopologies keeps its pod within them', () => {
    // Provisioned before scheduling somewhere in zone-a (the only allowed zone): the pod follows the volume.
    const r = plan(
      manifests(
        `${zonalClass('fast', 'Immediate', ['zone-a'])}---${pvc('data', 'storageClassName: fast, ')}---${deploy('data')}`,
      ),
      { cluster: clusterOf() },
    );
    expect(r.pods[0]?.node).toBe('n-a');
    expect(r.volumeClaims[0]?.binding).toMatchObject({
      state: 'provisioned',
      bindingMode: 'Immediate',
      zone: 'zone-a',
    });
  });
});

describe('VolumeZone', () => {
  it('a bound volume labelled zone-a__zone-b rules out zone-c ("node(s) had no available volume zone")', () => {
    // pv-z has no nodeAffinity (VolumeBinding passes everywhere) but the zone label "zone-a__zone-b"
    // (LabelZonesToSet → {zone-a, zone-b}). hog pods fill whole nodes (4 of 4 CPU).
    const hog = (node: string) => `
apiVersion: v1
kind: Pod
metadata: {name: hog-${node}, namespace: default}
spec: {nodeName: ${node}, containers: [{name: c, image: x, resources: {requests: {cpu: "4"}}}]}
`;
    const storage = `
apiVersion: v1
kind: PersistentVolume
metadata: {name: pv-z, labels: {topology.kubernetes.io/zone: zone-a__zone-b}}
spec: {capacity: {storage: 10Gi}, accessModes: [ReadWriteOnce], storageClassName: ""}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: data, namespace: default}
spec: {storageClassName: "", volumeName: pv-z, accessModes: [ReadWriteOnce], resources: {requests: {storage: 5Gi}}}
`;
    // n-a full: the pod goes to n-b (zone-b is in the set), not n-c.
    const one = plan(manifests(deploy('data')), { cluster: clusterOf(`${storage}---${hog('n-a')}`) });
    expect(one.pods[0]?.node).toBe('n-b');
    // n-a and n-b full: they fail NodeResourcesFit ("Insufficient cpu"); n-c passes it and VolumeBinding (no node
    // affinity) and fails VolumeZone. Sorted: "1 node(s) had no available volume zone" < "2 Insufficient cpu".
    const both = plan(manifests(deploy('data')), { cluster: clusterOf(`${storage}---${hog('n-a')}---${hog('n-b')}`) });
    expect(both.pods[0]?.reason).toBe(
      // preemption: VolumeZone is unresolvable on n-c; the hogs have priority 0 → "1 P…" < "2 N…"
      '0/3 nodes are available: 1 node(s) had no available volume zone, 2 Insufficient cpu.' +
        preemptionSentence(3, [`1 ${NOT_HELPFUL}`, `2 ${NO_VICTIMS}`]),
    );
  });
});
