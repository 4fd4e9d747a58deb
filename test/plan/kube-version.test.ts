/**
 * Behaviour that follows `--kube-version` (src/k8s/feature-gates.ts, the versioned specs of kube_features.go):
 * fields of a gate that is off are dropped by that version's API server (pkg/api/pod/util.go dropDisabledFields,
 * pkg/registry/apps/statefulset/strategy.go dropStatefulSetDisabledFields), so the plan does not count them; the
 * scheduler and the controllers are those of that version. Each case at a version before and after the change.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/plan/index.js';
import { planChanges } from '../../src/rollout/index.js';
import { simulateRollouts } from '../../src/rollout/rollouts.js';
import { readWorkload } from '../../src/rollout/workload.js';
import { dropDisabledPodFields } from '../../src/k8s/disabled-fields.js';
import { statefulSet, steps } from '../rollout/helpers.js';
import { manifests, NO_VICTIMS, preemptionSentence } from './helpers.js';

describe('PodLevelResources (Alpha 1.32, Beta and on from 1.34)', () => {
  // Pod-level requests of 3 CPU; its container asks 100m. The default cluster: 3 nodes × 4 CPU.
  const input = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: big}
spec:
  replicas: 4
  selector: {matchLabels: {app: big}}
  template:
    metadata: {labels: {app: big}}
    spec:
      resources: {requests: {cpu: "3"}}
      containers: [{name: c, image: x, resources: {requests: {cpu: 100m}}}]
`;

  it('1.34: the pod requests 3 CPU, so one per node and the fourth is Pending', () => {
    const r = plan(manifests(input), { kubeVersion: '1.34' });
    expect(r.settings.kubeVersion).toBe('1.34');
    expect(r.pods.filter((p) => p.node !== null)).toHaveLength(3);
    const pending = r.pods.find((p) => p.node === null);
    // 4 - 3 = 1 CPU left on each node < 3: NodeResourcesFit on all three; the other replicas have the same
    // priority, so preemption finds no victims.
    expect(pending?.reason).toBe(
      '0/3 nodes are available: 3 Insufficient cpu.' + preemptionSentence(3, [`3 ${NO_VICTIMS}`]),
    );
  });

  it('1.33: the API server drops spec.resources, the pod requests 100m and all four are placed', () => {
    const r = plan(manifests(input), { kubeVersion: '1.33' });
    expect(r.pods.every((p) => p.node !== null)).toBe(true);
    // 4 × 100m spread over 3 nodes: 200m + 100m + 100m
    expect(r.cluster.nodes.map((n) => n.requested.cpu).sort()).toEqual(['100m', '100m', '200m']);
    expect(JSON.stringify(r.workloads)).toContain(
      'spec.resources is dropped by a Kubernetes 1.33 API server (feature gate PodLevelResources is off by default there)',
    );
  });
});

describe('MatchLabelKeysInPodAffinity (Alpha 1.29, Beta and on from 1.31)', () => {
  // "a" (1 replica) and "b" (3 replicas) share app: x; b's required anti-affinity selects app: x with
  // matchLabelKeys [tenant]: from 1.31 it means app=x AND tenant=b (only b's own pods).
  const input = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: a}
spec:
  replicas: 1
  selector: {matchLabels: {app: x, tenant: a}}
  template:
    metadata: {labels: {app: x, tenant: a}}
    spec: {containers: [{name: c, image: x}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: b}
spec:
  replicas: 3
  selector: {matchLabels: {app: x, tenant: b}}
  template:
    metadata: {labels: {app: x, tenant: b}}
    spec:
      containers: [{name: c, image: x}]
      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
          - {labelSelector: {matchLabels: {app: x}}, topologyKey: kubernetes.io/hostname, matchLabelKeys: [tenant]}
`;
  const bPods = (r: ReturnType<typeof plan>) => r.pods.filter((p) => p.workload.name === 'b');

  it("1.31: b's term selects only b's pods: its three replicas take the three nodes, one beside a", () => {
    const r = plan(manifests(input), { kubeVersion: '1.31' });
    expect(new Set(bPods(r).map((p) => p.node)).size).toBe(3);
  });

  it("1.30: matchLabelKeys is dropped, the term selects a's pod too: a's node is excluded, the third replica waits", () => {
    const r = plan(manifests(input), { kubeVersion: '1.30' });
    const b = bPods(r);
    const aNode = r.pods.find((p) => p.workload.name === 'a')?.node;
    expect(b.filter((p) => p.node !== null).map((p) => p.node)).not.toContain(aNode);
    expect(b.filter((p) => p.node === null)).toHaveLength(1);
    // Every node holds a pod matching app=x on its hostname: InterPodAffinity's anti-affinity reason, 3 times.
    // DynamicResourceAllocation is off in 1.30, so no "no new claims to deallocate" part (only preemption's).
    expect(b.find((p) => p.node === null)?.reason).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules." +
        ` preemption: 0/3 nodes are available: 3 ${NO_VICTIMS}.`,
    );
  });

  it('dropDisabledPodFields removes the keys from required and preferred terms only when the gate is off', () => {
    const spec = () => ({
      affinity: {
        podAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 1, podAffinityTerm: { topologyKey: 'z', mismatchLabelKeys: ['t'] } },
          ],
        },
      },
    });
    const on = spec();
    expect(dropDisabledPodFields(on, '1.31')).toEqual([]);
    expect(on.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]!.podAffinityTerm).toHaveProperty(
      'mismatchLabelKeys',
    );
    const off = spec();
    expect(dropDisabledPodFields(off, '1.30').map((d) => d.gate)).toEqual(['MatchLabelKeysInPodAffinity']);
    expect(off.affinity.podAffinity.preferredDuringSchedulingIgnoredDuringExecution[0]!.podAffinityTerm).toEqual({
      topologyKey: 'z',
    });
  });
});

describe('MaxUnavailableStatefulSet (Alpha 1.24, Beta and on from 1.35) in rollouts', () => {
  const rollAt = (kubeVersion: string) => {
    const a = readWorkload(statefulSet(4, 'kv:1'), 'default', kubeVersion);
    const b = readWorkload(
      statefulSet(4, 'kv:2', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } }),
      'default',
      kubeVersion,
    );
    if (!a.ok || !b.ok) throw new Error('invalid test workload');
    return simulateRollouts([{ old: a.spec, new: b.spec }])[0]!;
  };

  it('1.35: two pods go at once (updateStatefulSetAfterInvariantEstablished)', () => {
    // unavailable 0 < 2 → delete kv-3 and kv-2; recreate kv-2, wait, kv-3, wait; then kv-1 and kv-0 together.
    expect(steps(rollAt('1.35'))).toEqual([
      '-kv-3',
      '-kv-2',
      '+kv-2',
      '~',
      '+kv-3',
      '~',
      '-kv-1',
      '-kv-0',
      '+kv-0',
      '~',
      '+kv-1',
    ]);
  });

  it('1.34: the field is dropped, the classic loop replaces one pod at a time from the top', () => {
    expect(steps(rollAt('1.34'))).toEqual([
      '-kv-3',
      '+kv-3',
      '~',
      '-kv-2',
      '+kv-2',
      '~',
      '-kv-1',
      '+kv-1',
      '~',
      '-kv-0',
      '+kv-0',
    ]);
  });

  it('planChanges reads the workloads at the version it is given and says which', () => {
    const old = manifests(
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: kv}\nspec:\n  replicas: 4\n  serviceName: kv\n' +
        '  selector: {matchLabels: {app: kv}}\n  template:\n    metadata: {labels: {app: kv}}\n' +
        '    spec: {containers: [{name: kv, image: "kv:1"}]}\n',
    );
    const next = manifests(
      'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: kv}\nspec:\n  replicas: 4\n  serviceName: kv\n' +
        '  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 2}}\n' +
        '  selector: {matchLabels: {app: kv}}\n  template:\n    metadata: {labels: {app: kv}}\n' +
        '    spec: {containers: [{name: kv, image: "kv:2"}]}\n',
    );
    const at134 = planChanges(old, next, { kubeVersion: '1.34' });
    expect(at134.kubeVersion).toBe('1.34');
    expect(at134.rollouts[0]?.limits).toEqual({ partition: 0, maxUnavailable: 1 });
    const at135 = planChanges(old, next, { kubeVersion: 'v1.35.2' });
    expect(at135.kubeVersion).toBe('1.35');
    expect(at135.rollouts[0]?.limits).toEqual({ partition: 0, maxUnavailable: 2 });
  });
});
