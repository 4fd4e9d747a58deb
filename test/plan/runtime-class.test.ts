/**
 * RuntimeClass admission before scheduling (kubernetes v1.34 plugin/pkg/admission/runtimeclass/admission.go:
 * setOverhead, setScheduling, validateOverhead; pkg/util/tolerations/tolerations.go MergeTolerations): the pod the
 * scheduler sees carries its class's overhead, nodeSelector and tolerations; a conflict means no pod at all.
 */
import { describe, expect, it } from 'vitest';
import { plan } from '../../src/plan/index.js';
import { mergeTolerations } from '../../src/k8s/tolerations.js';
import { manifests } from './helpers.js';

/** Three nodes: gvisor-1 carries the runtime's label and taint, plain-1 and plain-2 do not. */
const CLUSTER = `
apiVersion: v1
kind: Node
metadata: {name: gvisor-1, labels: {kubernetes.io/hostname: gvisor-1, sandbox.example.com/runtime: gvisor}}
spec: {taints: [{key: sandbox.example.com/runtime, value: gvisor, effect: NoSchedule}]}
status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}}
---
apiVersion: v1
kind: Node
metadata: {name: plain-1, labels: {kubernetes.io/hostname: plain-1}}
status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}}
---
apiVersion: v1
kind: Node
metadata: {name: plain-2, labels: {kubernetes.io/hostname: plain-2}}
status: {allocatable: {cpu: "4", memory: 16Gi, pods: "110"}}
`;

const GVISOR = `
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: gvisor}
handler: runsc
overhead: {podFixed: {cpu: 100m, memory: 64Mi}}
scheduling:
  nodeSelector: {sandbox.example.com/runtime: gvisor}
  tolerations: [{key: sandbox.example.com/runtime, operator: Equal, value: gvisor, effect: NoSchedule}]
`;

const deployment = (extraSpec = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      runtimeClassName: gvisor${extraSpec}
      containers: [{name: c, image: x, resources: {requests: {cpu: 500m, memory: 128Mi}}}]
`;

const withCluster = (inputs: string, clusterYaml = CLUSTER) =>
  plan(manifests(inputs), { cluster: { manifests: manifests(clusterYaml, 'cluster.yaml'), source: 'cluster.yaml' } });

describe('RuntimeClass admission', () => {
  it("merges the class's nodeSelector and tolerations: both replicas land on the tainted runtime node", () => {
    const r = withCluster(`${GVISOR}---${deployment()}`);
    // Without the merge the taint repels them and the plain nodes win; with it only gvisor-1 matches the selector.
    expect(r.pods.map((p) => p.node)).toEqual(['gvisor-1', 'gvisor-1']);
    // Only the merged toleration admits them to gvisor-1 (its NoSchedule taint), and only the merged nodeSelector
    // keeps the second replica off the empty plain nodes (default spreading would otherwise move it there).
    // overhead is added to the requests: 2 × (500m + 100m) = 1200m; 2 × (128Mi + 64Mi) = 384Mi
    expect(r.cluster.nodes.find((n) => n.name === 'gvisor-1')?.requested).toEqual({
      cpu: '1200m',
      memory: '384Mi',
      pods: '2',
    });
  });

  it('a RuntimeClass from the cluster file applies like one in the inputs', () => {
    const r = withCluster(deployment(), `${CLUSTER}---${GVISOR}`);
    expect(r.pods.map((p) => p.node)).toEqual(['gvisor-1', 'gvisor-1']);
  });

  it("a pod nodeSelector that contradicts the class's is forbidden: no pod is created", () => {
    const r = withCluster(`${GVISOR}---${deployment('\n      nodeSelector: {sandbox.example.com/runtime: kata}')}`);
    expect(r.pods).toEqual([]);
    const skipped = r.findings.find((f) => f.ruleId === 'plan/skipped');
    expect(skipped?.message).toContain(
      'RuntimeClass admission: conflict: runtimeClass.scheduling.nodeSelector[sandbox.example.com/runtime] = gvisor; ' +
        'pod.spec.nodeSelector[sandbox.example.com/runtime] = kata',
    );
    expect(skipped?.line).toBe(20); // spec.runtimeClassName: the RuntimeClass takes lines 1-9
  });

  it('an overhead that differs from the class, or one without a class overhead, is forbidden', () => {
    const differs = withCluster(`${GVISOR}---${deployment('\n      overhead: {cpu: 1m}')}`);
    expect(differs.pods).toEqual([]);
    expect(differs.findings.some((f) => f.message.includes("Pod's Overhead doesn't match RuntimeClass's"))).toBe(true);

    const noClass = withCluster(
      deployment('\n      overhead: {cpu: 1m}').replace('runtimeClassName: gvisor', 'priority: 0'),
    );
    expect(noClass.pods).toEqual([]);
    expect(
      noClass.findings.some((f) =>
        f.message.includes('Pod Overhead set without corresponding RuntimeClass defined Overhead'),
      ),
    ).toBe(true);
  });

  it('a class that is nowhere to be seen constrains nothing and is noted', () => {
    const r = withCluster(deployment());
    // Least allocated: both plain nodes and gvisor-1 are empty; the taint keeps the pods off gvisor-1.
    expect(r.pods.every((p) => p.node?.startsWith('plain-'))).toBe(true);
    expect(JSON.stringify(r)).toContain('RuntimeClass gvisor is not in the inputs or the cluster file');
  });
});

describe('mergeTolerations (MergeTolerations / isSuperset)', () => {
  const t = (key: string, operator: string, effect = '', value?: string, seconds?: number) => ({
    key,
    operator,
    ...(value !== undefined ? { value } : {}),
    ...(effect ? { effect } : {}),
    ...(seconds !== undefined ? { tolerationSeconds: seconds } : {}),
  });

  it('drops a toleration another one covers, keeps the first of equals, and keeps unrelated ones', () => {
    // Exists on key k (any effect) covers Equal k=v NoSchedule; the duplicate "a" is kept once.
    expect(
      mergeTolerations([t('k', 'Equal', 'NoSchedule', 'v'), t('a', 'Exists')], [t('k', 'Exists'), t('a', 'Exists')]),
    ).toEqual([t('a', 'Exists'), t('k', 'Exists')]);
    // An empty key with Exists tolerates everything.
    expect(mergeTolerations([t('x', 'Equal', 'NoExecute', '1')], [t('', 'Exists')])).toEqual([t('', 'Exists')]);
    // NoExecute with tolerationSeconds covers only shorter-or-equal ones.
    expect(
      mergeTolerations([t('n', 'Exists', 'NoExecute', undefined, 30)], [t('n', 'Exists', 'NoExecute', undefined, 60)]),
    ).toEqual(
      [t('n', 'Exists', 'NoExecute', undefined, 30), t('n', 'Exists', 'NoExecute', undefined, 60)].filter(
        (x) => x.tolerationSeconds === 60,
      ),
    );
    // Different keys: both kept.
    expect(mergeTolerations([t('a', 'Exists')], [t('b', 'Exists')])).toEqual([t('a', 'Exists'), t('b', 'Exists')]);
  });
});
