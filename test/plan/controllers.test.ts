import { describe, expect, it } from 'vitest';
import { plan } from '../../src/plan/index.js';
import { computeHash, controllerRevisionHash } from '../../src/k8s/pod-template-hash.js';
import { defaultPodTemplate } from '../../src/k8s/defaults.js';
import { at, get, manifests, NO_VICTIMS, NOT_HELPFUL, preemptionSentence } from './helpers.js';

const ALPHABET = '[bcdfghjklmnpqrstvwxz2456789]';

const deployment = (name: string, replicas: number, extra = '') => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: c, image: "nginx:1.25", resources: {requests: {cpu: 100m, memory: 64Mi}}}]${extra}
`;

describe('Deployment → ReplicaSet → pods', () => {
  it('names the ReplicaSet <deployment>-<pod-template-hash> and pods <rs>-<5 chars>', () => {
    const r = plan(manifests(deployment('web', 3)));
    const template = defaultPodTemplate({
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{ name: 'c', image: 'nginx:1.25', resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
      },
    });
    const hash = computeHash(template); // hash of the API-defaulted template
    expect(hash).toMatch(/^[456789bcdf]{1,10}$/);
    const w = at(r.workloads, 0);
    expect(w.replicaSets).toEqual([{ name: `web-${hash}`, replicas: 3 }]);
    expect(w.pods).toHaveLength(3);
    for (const name of w.pods) expect(name).toMatch(new RegExp(`^web-${hash}-${ALPHABET}{5}$`));
    expect(new Set(w.pods).size).toBe(3);
    const pod = at(r.pods, 0);
    expect(pod.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(pod.owner).toEqual({ kind: 'ReplicaSet', name: `web-${hash}` });
  });

  it('the hash changes with the template and with status.collisionCount, and not with key order', () => {
    const rsName = (r: ReturnType<typeof plan>) => at(at(r.workloads, 0).replicaSets, 0).name;
    const a = rsName(plan(manifests(deployment('web', 1))));
    const reordered = rsName(
      plan(
        manifests(`
apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers: [{resources: {requests: {memory: 64Mi, cpu: 100m}}, image: "nginx:1.25", name: c}]
    metadata: {labels: {app: web}}
  selector: {matchLabels: {app: web}}
  replicas: 1
`),
      ),
    );
    expect(reordered).toBe(a);
    const other = rsName(plan(manifests(deployment('web', 1).replace('nginx:1.25', 'nginx:1.26'))));
    expect(other).not.toBe(a);
    const collided = rsName(plan(manifests(`${deployment('web', 1)}status: {collisionCount: 1}\n`)));
    expect(collided).not.toBe(a);
  });

  it('defaults replicas to 1 and creates nothing for a paused Deployment', () => {
    const r = plan(manifests(deployment('one', 1).replace('  replicas: 1\n', '')));
    expect(r.workloads[0]?.replicas).toBe(1);
    expect(r.pods).toHaveLength(1);
    const paused = plan(
      manifests(
        `${deployment('p', 2)}  paused: true\n`.replace('    spec:\n      containers', '    spec:\n      containers'),
      ),
    );
    expect(paused.pods).toHaveLength(0);
    expect(paused.workloads[0]?.replicaSets).toEqual([]);
  });

  it('a selector that does not match the template labels is skipped, not thrown', () => {
    const r = plan(manifests(deployment('bad', 1).replace('matchLabels: {app: bad}', 'matchLabels: {app: other}')));
    expect(r.pods).toHaveLength(0);
    expect(r.findings).toEqual([
      expect.objectContaining({ ruleId: 'plan/skipped', severity: 'warning', line: 7, column: 3 }),
    ]); // the `selector:` key (line 1 of the text is empty)
    expect(r.findings[0]?.message).toContain('does not match the template labels');
  });
});

describe('StatefulSet', () => {
  const sts = `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db, namespace: data}
spec:
  serviceName: db-hl
  replicas: 3
  ordinals: {start: 5}
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers: [{name: pg, image: "postgres:16"}]
  volumeClaimTemplates:
    - metadata: {name: data}
      spec: {accessModes: [ReadWriteOnce], storageClassName: fast, resources: {requests: {storage: 10Gi}}}
    - metadata: {name: wal}
      spec: {resources: {requests: {storage: 1Gi}}}
`;

  it('names pods <set>-<ordinal> from ordinals.start, with identity labels, PVCs and DNS', () => {
    const r = plan(manifests(sts));
    expect(r.workloads[0]?.pods).toEqual(['db-5', 'db-6', 'db-7']);
    const revision = `db-${controllerRevisionHash(defaultPodTemplate({ metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'pg', image: 'postgres:16' }] } }))}`;
    expect(r.pods[0]?.labels).toEqual({
      app: 'db',
      'apps.kubernetes.io/pod-index': '5',
      'controller-revision-hash': revision,
      'statefulset.kubernetes.io/pod-name': 'db-5',
    });
    expect(r.pods.map((p) => p.dns)).toEqual([
      'db-5.db-hl.data.svc.cluster.local',
      'db-6.db-hl.data.svc.cluster.local',
      'db-7.db-hl.data.svc.cluster.local',
    ]);
    // <claim>-<set>-<ordinal>, per claim template and ordinal
    expect(r.volumeClaims.map((c) => c.name)).toEqual([
      'data-db-5',
      'wal-db-5',
      'data-db-6',
      'wal-db-6',
      'data-db-7',
      'wal-db-7',
    ]);
    expect(r.volumeClaims[0]).toEqual({
      name: 'data-db-5',
      namespace: 'data',
      owner: { kind: 'StatefulSet', name: 'db' },
      storageClassName: 'fast',
      storage: '10Gi',
      accessModes: ['ReadWriteOnce'],
    });
    expect(r.workloads[0]?.notes[0]).toContain('OrderedReady');
  });

  it('Parallel policy is reported; pods spread over hosts by the StatefulSet selector', () => {
    const r = plan(manifests(sts.replace('serviceName: db-hl', 'serviceName: db-hl\n  podManagementPolicy: Parallel')));
    expect(r.workloads[0]?.notes[0]).toBe('podManagementPolicy Parallel');
    // default spreading (hostname maxSkew 3 / zone maxSkew 5 over the StatefulSet selector) → one pod per worker
    expect(new Set(r.pods.map((p) => p.node)).size).toBe(3);
  });
});

describe('DaemonSet', () => {
  const cluster = manifests(
    `
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: cp-1, labels: {kubernetes.io/hostname: cp-1, node-role.kubernetes.io/control-plane: ""}}
  spec: {taints: [{key: node-role.kubernetes.io/control-plane, effect: NoSchedule}]}
  status: {allocatable: {cpu: "2", memory: 4Gi, pods: "110"}}
- apiVersion: v1
  kind: Node
  metadata: {name: w-1, labels: {kubernetes.io/hostname: w-1}}
  spec:
    unschedulable: true
    taints:
    - {key: node.kubernetes.io/unschedulable, effect: NoSchedule}
    - {key: node.kubernetes.io/not-ready, effect: NoExecute}
    - {key: node.kubernetes.io/memory-pressure, effect: NoSchedule}
  status: {allocatable: {cpu: "2", memory: 4Gi, pods: "110"}}
- apiVersion: v1
  kind: Node
  metadata: {name: w-2, labels: {kubernetes.io/hostname: w-2}}
  spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
  status: {allocatable: {cpu: "2", memory: 4Gi, pods: "110"}}
- apiVersion: v1
  kind: Node
  metadata: {name: w-3, labels: {kubernetes.io/hostname: w-3}}
  status: {allocatable: {cpu: 100m, memory: 4Gi, pods: "110"}}
`,
    'cluster.yaml',
  );
  const ds = (extra = '') => `
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: agent, namespace: kube-system}
spec:
  selector: {matchLabels: {app: agent}}
  template:
    metadata: {labels: {app: agent}}
    spec:${extra}
      containers: [{name: a, image: "agent:1", resources: {requests: {cpu: 200m}}}]
`;

  it('skips the control plane and the gpu-tainted node; tolerates not-ready, memory-pressure and cordoning', () => {
    const r = plan(manifests(ds()), { cluster: { manifests: cluster, source: 'cluster.yaml' } });
    // cp-1: control-plane NoSchedule not tolerated → no pod; w-2: dedicated=gpu not tolerated → no pod.
    // w-1: unschedulable + not-ready/memory-pressure taints, all tolerated by the DaemonSet controller → pod.
    // w-3: eligible, but 200m > 100m allocatable → the pod is created and stays Pending.
    expect(r.pods).toHaveLength(2);
    const byNode = Object.fromEntries(r.pods.map((p) => [p.node ?? 'pending', p]));
    expect(Object.keys(byNode).sort()).toEqual(['pending', 'w-1']);
    // preemption: 200m > w-3's whole 100m and the 3 nodes PreFilter left out are unresolvable → 4 not helpful
    expect(byNode.pending?.reason).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 3 node(s) didn't satisfy plugin(s) [NodeAffinity]." +
        preemptionSentence(4, [`4 ${NOT_HELPFUL}`]),
    );
    expect(r.workloads[0]?.notes).toContain(
      '2 of 4 nodes eligible (2 excluded by nodeSelector/affinity or untolerated taints)',
    );
    expect(r.pods[0]?.labels).toMatchObject({ app: 'agent', 'pod-template-generation': '1' });
    expect(r.pods[0]?.labels['controller-revision-hash']).toMatch(/^[456789bcdf]+$/);
    for (const p of r.pods) expect(p.name).toMatch(new RegExp(`^agent-${ALPHABET}{5}$`));
  });

  it('a toleration in the template adds the tainted nodes', () => {
    const r = plan(manifests(ds('\n      tolerations: [{operator: Exists}]')), {
      cluster: { manifests: cluster, source: 'cluster.yaml' },
    });
    expect(r.pods.map((p) => p.node).sort()).toEqual(['cp-1', 'w-1', 'w-2', null].sort());
  });

  it('nodeSelector limits the DaemonSet to matching nodes', () => {
    const r = plan(manifests(ds('\n      nodeSelector: {kubernetes.io/hostname: w-1}')), {
      cluster: { manifests: cluster, source: 'cluster.yaml' },
    });
    expect(r.pods.map((p) => p.node)).toEqual(['w-1']);
  });
});

describe('Job', () => {
  const job = (spec: string) => `
apiVersion: batch/v1
kind: Job
metadata: {name: etl}
spec:
${spec}
  template:
    spec:
      restartPolicy: Never
      containers: [{name: c, image: "etl:1"}]
`;

  it('runs min(parallelism, completions) pods with job-name labels', () => {
    const r = plan(manifests(job('  parallelism: 3\n  completions: 2')));
    expect(r.pods).toHaveLength(2);
    expect(r.pods[0]?.labels).toEqual({ 'batch.kubernetes.io/job-name': 'etl', 'job-name': 'etl' });
    expect(r.pods[0]?.name).toMatch(new RegExp(`^etl-${ALPHABET}{5}$`));
    expect(plan(manifests(job('  parallelism: 4'))).pods).toHaveLength(4); // work queue: parallelism pods
    expect(plan(manifests(job('  completions: 5'))).pods).toHaveLength(1); // parallelism defaults to 1
    expect(plan(manifests(job('  suspend: true'))).pods).toHaveLength(0);
  });

  it('indexed Jobs name pods <job>-<index>-<5 chars>', () => {
    const r = plan(manifests(job('  completionMode: Indexed\n  completions: 3\n  parallelism: 3')));
    expect(r.pods.map((p) => p.labels['batch.kubernetes.io/job-completion-index'])).toEqual(['0', '1', '2']);
    r.pods.forEach((p, i) => expect(p.name).toMatch(new RegExp(`^etl-${i}-${ALPHABET}{5}$`)));
  });

  it('indexed Jobs with long names keep the index in the pod name (podGenerateNameWithIndex, v1.36)', () => {
    // kubernetes v1.36 pkg/controller/job/indexed_job_utils.go podGenerateNameWithIndex: "<job>-<i>-" is 60 + 3 = 63
    // characters, over names.MaxGeneratedNameLength (63 − 5 = 58), so the Job name is cut to 58 − 3 = 55 characters
    // and "-7-" appended; the apiserver adds 5 random characters → 63. Cutting "<job>-7-" at 58 would lose the index.
    const long = 'a'.repeat(60);
    const r = plan(
      manifests(
        job('  completionMode: Indexed\n  completions: 8\n  parallelism: 8').replace('name: etl', `name: ${long}`),
      ),
    );
    const seventh = r.pods.find((p) => p.labels['batch.kubernetes.io/job-completion-index'] === '7');
    expect(seventh?.name).toMatch(new RegExp(`^${'a'.repeat(55)}-7-${ALPHABET}{5}$`));
    expect(seventh?.name).toHaveLength(63);
    // 12 indexes: "-11-" is 4 characters, so 54 characters of the name remain.
    const r12 = plan(
      manifests(
        job('  completionMode: Indexed\n  completions: 12\n  parallelism: 12').replace('name: etl', `name: ${long}`),
      ),
    );
    const eleventh = r12.pods.find((p) => p.labels['batch.kubernetes.io/job-completion-index'] === '11');
    expect(eleventh?.name).toMatch(new RegExp(`^${'a'.repeat(54)}-11-${ALPHABET}{5}$`));
    // A short name is not cut: "etl-2-" + 5 characters.
    const short = plan(manifests(job('  completionMode: Indexed\n  completions: 3\n  parallelism: 3')));
    expect(short.pods[2]?.name).toMatch(new RegExp(`^etl-2-${ALPHABET}{5}$`));
  });

  it('a Job without restartPolicy Never/OnFailure is skipped', () => {
    const r = plan(manifests(job('  parallelism: 1').replace('      restartPolicy: Never\n', '')));
    expect(r.pods).toHaveLength(0);
    expect(r.findings[0]).toMatchObject({ ruleId: 'plan/skipped' });
  });
});

describe('bare pods and priorities', () => {
  it('generateName pods get a suffix; spec.nodeName pods skip the scheduler', () => {
    const r = plan(
      manifests(`
apiVersion: v1
kind: Pod
metadata: {generateName: worker-}
spec: {containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: pinned}
spec: {nodeName: worker-3, containers: [{name: c, image: x}]}
---
apiVersion: v1
kind: Pod
metadata: {name: lost}
spec: {nodeName: nowhere, containers: [{name: c, image: x}]}
`),
    );
    const byName = Object.fromEntries(r.pods.map((p) => [p.name, p]));
    expect(byName.pinned?.node).toBe('worker-3');
    expect(get(byName, 'lost').node).toBeNull();
    expect(byName.lost?.reason).toContain('spec.nodeName nowhere: no such node');
    expect(r.pods.some((p) => /^worker-[bcdfghjklmnpqrstvwxz2456789]{5}$/.test(p.name))).toBe(true);
  });

  it('higher priority pods are scheduled first and take the room', () => {
    const r = plan(
      manifests(`
apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: v1
kind: Pod
metadata: {name: a-low}
spec: {containers: [{name: c, image: x, resources: {requests: {cpu: "3"}}}], nodeSelector: {kubernetes.io/hostname: worker-1}}
---
apiVersion: v1
kind: Pod
metadata: {name: b-high}
spec: {priorityClassName: high, containers: [{name: c, image: x, resources: {requests: {cpu: "3"}}}], nodeSelector: {kubernetes.io/hostname: worker-1}}
`),
    );
    // a-low is created first, but b-high (priority 1000 > 0) is popped first: it gets worker-1's 4 CPU;
    // then a-low needs 3 CPU of the 1 left, and the other two nodes do not match its nodeSelector.
    const byName = Object.fromEntries(r.pods.map((p) => [p.name, p]));
    expect(byName['b-high']).toMatchObject({ node: 'worker-1', priority: 1000 });
    // preemption: worker-1 holds only b-high (1000 > 0: not a victim); the selector misses are unresolvable
    expect(byName['a-low']?.reason).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match Pod's node affinity/selector." +
        preemptionSentence(3, [`1 ${NO_VICTIMS}`, `2 ${NOT_HELPFUL}`]),
    );
  });
});

describe('DaemonSet tolerations and RuntimeClass overhead', () => {
  it('the controller adds not-ready/unreachable NoExecute and the pressure/unschedulable NoSchedule tolerations', async () => {
    const { daemonSetTolerations } = await import('../../src/plan/index.js');
    expect(daemonSetTolerations(false).map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/not-ready:NoExecute',
      'node.kubernetes.io/unreachable:NoExecute',
      'node.kubernetes.io/disk-pressure:NoSchedule',
      'node.kubernetes.io/memory-pressure:NoSchedule',
      'node.kubernetes.io/pid-pressure:NoSchedule',
      'node.kubernetes.io/unschedulable:NoSchedule',
    ]);
    expect(daemonSetTolerations(true).map((t) => t.key)).toContain('node.kubernetes.io/network-unavailable');
  });

  it('RuntimeClass overhead is added to each pod’s requests', () => {
    const r = plan(
      manifests(`
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: kata}
handler: kata
overhead: {podFixed: {cpu: 250m, memory: 120Mi}}
---
apiVersion: v1
kind: Pod
metadata: {name: sandboxed}
spec:
  runtimeClassName: kata
  nodeSelector: {kubernetes.io/hostname: worker-1}
  containers: [{name: c, image: x, resources: {requests: {cpu: 500m, memory: 1Gi}}}]
`),
    );
    // 500m + 250m = 750m; 1Gi + 120Mi = 1144Mi
    expect(r.cluster.nodes[0]?.requested).toEqual({ cpu: '750m', memory: '1144Mi', pods: '1' });
  });
});
