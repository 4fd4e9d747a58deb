import { describe, expect, it } from 'vitest';
import { plan, planToJson, renderPlanText } from '../../src/plan/index.js';
import { at, manifests, NO_VICTIMS, preemptionSentence } from './helpers.js';

const deploy = (name: string, replicas: number, podSpec: string, labels = `{app: ${name}}`) => `
apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: ${labels}}
  template:
    metadata: {labels: ${labels}}
    spec:
${podSpec}
`;

const nodesOf = (r: ReturnType<typeof plan>) => r.pods.map((p) => p.node);
const countBy = (xs: Array<string | null>) =>
  xs.reduce<Record<string, number>>((acc, x) => ((acc[String(x)] = (acc[String(x)] ?? 0) + 1), acc), {});

describe('plan: resource exhaustion', () => {
  it('fills the default cluster and reports the rest with the scheduler’s message at the request', () => {
    // 1500m each: a 4-CPU worker fits 2 (3000m; a 3rd needs 4500m) → 3 workers hold 6, the 7th is Pending
    const r = plan(
      manifests(deploy('cpu-hog', 7, '      containers: [{name: c, image: x, resources: {requests: {cpu: 1500m}}}]')),
    );
    expect(r.summary).toEqual({ pods: 7, scheduled: 6, unschedulable: 1 });
    const pending = r.pods.find((p) => p.node === null)!;
    // 1500m ≤ 4 CPU: preemption could help, but every pod has priority 0 → no victims on any node
    const second = preemptionSentence(3, [`3 ${NO_VICTIMS}`]);
    expect(pending.reason).toBe('0/3 nodes are available: 3 Insufficient cpu.' + second);
    expect(Object.values(countBy(nodesOf(r).filter(Boolean)))).toEqual([2, 2, 2]);
    const f = r.findings.find((x) => x.ruleId === 'plan/unschedulable')!;
    expect(f).toMatchObject({ severity: 'error', line: 11, object: { kind: 'Deployment', name: 'cpu-hog' } });
    expect(f.message).toBe(
      `pod ${pending.name} of Deployment cpu-hog cannot be scheduled: 0/3 nodes are available: 3 Insufficient cpu.${second}`,
    );
    // requested vs allocatable on each node: 2 × 1500m = 3000m of 4
    expect(r.cluster.nodes.map((n) => n.requested.cpu)).toEqual(['3', '3', '3']);
    expect(r.cluster.nodes[0]?.allocatable).toEqual({ cpu: '4', memory: '16Gi', pods: '110' });
  });
});

describe('plan: spreading', () => {
  it('topology spread DoNotSchedule maxSkew 1 over zones: 6 replicas → 2 per zone, never more than 1 apart', () => {
    const spec = `      topologySpreadConstraints:
        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: s}}}
      containers: [{name: c, image: x}]`;
    const r = plan(manifests(deploy('s', 6, spec)));
    expect(countBy(nodesOf(r))).toEqual({ 'worker-1': 2, 'worker-2': 2, 'worker-3': 2 });
  });

  it('maxSkew with a full zone leaves pods Pending with the spread reason', () => {
    // worker-3 (zone-c) is taken by a 4-CPU pod; s pods need 1 CPU each.
    // zone-c can hold none, so min = 0 and zones a and b may hold at most 1 each: 2 scheduled, 2 Pending.
    const spec = `      topologySpreadConstraints:
        - {maxSkew: 1, topologyKey: topology.kubernetes.io/zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: s}}}
      containers: [{name: c, image: x, resources: {requests: {cpu: "1"}}}]`;
    const blocker = `
apiVersion: v1
kind: Pod
metadata: {name: blocker}
spec: {nodeName: worker-3, containers: [{name: c, image: x, resources: {requests: {cpu: "4"}}}]}
`;
    const r = plan(manifests(deploy('s', 4, spec) + '---' + blocker));
    const s = r.pods.filter((p) => p.name.startsWith('s-'));
    expect(countBy(s.map((p) => p.node))).toEqual({ 'worker-1': 1, 'worker-2': 1, null: 2 });
    // worker-1/2: 1 + 1 − 0 = 2 > 1; worker-3: NodeResourcesFit runs first → Insufficient cpu
    expect(s.find((p) => p.node === null)!.reason).toBe(
      "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't match pod topology spread constraints." +
        preemptionSentence(3, [`3 ${NO_VICTIMS}`]),
    );
  });

  it('system default spreading (no constraints) places 6 replicas 2 per node', () => {
    const r = plan(manifests(deploy('d', 6, '      containers: [{name: c, image: x}]')));
    expect(countBy(nodesOf(r))).toEqual({ 'worker-1': 2, 'worker-2': 2, 'worker-3': 2 });
  });
});

describe('plan: inter-pod anti-affinity', () => {
  it('one replica per node; the 4th of 4 is unschedulable on 3 nodes', () => {
    const spec = `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - {labelSelector: {matchLabels: {app: cache}}, topologyKey: kubernetes.io/hostname}
      containers: [{name: c, image: redis}]`;
    const r = plan(manifests(deploy('cache', 4, spec)));
    const placed = nodesOf(r).filter(Boolean);
    expect(new Set(placed).size).toBe(3);
    const pending = r.pods.find((p) => p.node === null)!;
    expect(pending.reason).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules." +
        preemptionSentence(3, [`3 ${NO_VICTIMS}`]),
    );
    expect(r.findings.find((f) => f.ruleId === 'plan/unschedulable')).toMatchObject({ line: 11, column: 7 }); // the `affinity:` key (text line 1 is empty)
  });
});

describe('plan: host ports', () => {
  it('a hostPort fits once per node: the 4th replica finds no free port', () => {
    const r = plan(
      manifests(
        deploy('edge', 4, '      containers: [{name: c, image: x, ports: [{containerPort: 80, hostPort: 80}]}]'),
      ),
    );
    expect(r.summary.unschedulable).toBe(1);
    expect(r.pods.find((p) => p.node === null)!.reason).toBe(
      "0/3 nodes are available: 3 node(s) didn't have free ports for the requested pod ports." +
        preemptionSentence(3, [`3 ${NO_VICTIMS}`]),
    );
  });
});

describe('plan: cluster snapshot', () => {
  const clusterYaml = `
apiVersion: v1
kind: List
items:
- apiVersion: v1
  kind: Node
  metadata: {name: n1, labels: {kubernetes.io/hostname: n1, topology.kubernetes.io/zone: z1}}
  status: {allocatable: {cpu: "2", memory: 8Gi, pods: "10"}}
- apiVersion: v1
  kind: Node
  metadata: {name: n2, labels: {kubernetes.io/hostname: n2, topology.kubernetes.io/zone: z2}}
  status: {allocatable: {cpu: 2000m, memory: 8Gi, pods: "10"}}
- apiVersion: v1
  kind: Pod
  metadata: {name: running-db, namespace: prod, labels: {app: db}}
  spec:
    nodeName: n1
    containers: [{name: db, image: pg, resources: {requests: {cpu: 1500m, memory: 6Gi}}}]
  status: {phase: Running}
- apiVersion: v1
  kind: Pod
  metadata: {name: finished, namespace: prod}
  spec:
    nodeName: n2
    containers: [{name: j, image: j, resources: {requests: {cpu: "2"}}}]
  status: {phase: Succeeded}
`;
  const cluster = { manifests: manifests(clusterYaml, 'cluster.yaml'), source: 'cluster.yaml' };

  it('running pods use capacity; finished pods do not', () => {
    // n1: 2000m − 1500m = 500m free; n2: 2000m free (the Succeeded pod holds nothing).
    // 3 pods of 700m: n2 takes 2 (1400m; a 3rd would need 2100m), n1 has only 500m → 1 Pending.
    const r = plan(
      manifests(deploy('api', 3, '      containers: [{name: c, image: x, resources: {requests: {cpu: 700m}}}]')),
      { cluster },
    );
    expect(countBy(nodesOf(r))).toEqual({ n2: 2, null: 1 });
    // 700m ≤ 2 CPU on both; the running db pod has the same priority (0) → no victims
    expect(r.pods.find((p) => p.node === null)!.reason).toBe(
      '0/2 nodes are available: 2 Insufficient cpu.' + preemptionSentence(2, [`2 ${NO_VICTIMS}`]),
    );
    expect(r.cluster.nodes[0]).toEqual({
      name: 'n1',
      zone: 'z1',
      allocatable: { cpu: '2', memory: '8Gi', pods: '10' },
      requested: { cpu: '1500m', memory: '6Gi', pods: '1' },
      pods: [],
      running: ['prod/running-db'],
    });
    expect(r.cluster.source).toBe('cluster.yaml');
  });

  it('running pods count for anti-affinity and Services', () => {
    const r = plan(
      manifests(
        `${deploy(
          'db',
          1,
          `      affinity:
        podAntiAffinity:
          requiredDuringSchedulingIgnoredDuringExecution:
            - {labelSelector: {matchLabels: {app: db}}, topologyKey: kubernetes.io/hostname}
      containers: [{name: c, image: x}]`,
        ).replace('metadata: {name: db}', 'metadata: {name: db, namespace: prod}')}`,
      ),
      { cluster },
    );
    expect(nodesOf(r)).toEqual(['n2']); // running-db (app=db) is on n1
  });

  it('bad cluster files become plan/cluster errors with file and line, never exceptions', () => {
    const bad = manifests(
      `
apiVersion: v1
kind: Node
metadata: {name: a}
status: {allocatable: {cpu: lots, memory: 1Gi, pods: "10"}}
---
apiVersion: v1
kind: Node
metadata: {name: b}
---
apiVersion: v1
kind: Node
metadata: {name: c}
status: {allocatable: {cpu: "1", memory: 1Gi, pods: "10"}}
`,
      'bad.yaml',
    );
    const r = plan(manifests(deploy('x', 1, '      containers: [{name: c, image: x}]')), {
      cluster: { manifests: bad, source: 'bad.yaml' },
    });
    const cl = r.findings.filter((f) => f.ruleId === 'plan/cluster');
    expect(cl.map((f) => [f.file, f.line, f.severity])).toEqual([
      ['bad.yaml', 5, 'error'], // status.allocatable.cpu "lots"
      ['bad.yaml', 9, 'error'], // node b: no status.allocatable (points at its name)
    ]);
    expect(cl[0]?.message).toContain('status.allocatable.cpu "lots" is not a valid quantity');
    expect(r.cluster.nodes.map((n) => n.name)).toEqual(['c']);
    const empty = plan(manifests(deploy('x', 1, '      containers: [{name: c, image: x}]')), {
      cluster: {
        manifests: manifests('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n', 'cm.yaml'),
        source: 'cm.yaml',
      },
    });
    expect(empty.findings.find((f) => f.ruleId === 'plan/cluster')!.message).toContain('has no usable Node objects');
    expect(empty.pods[0]?.reason).toBe('no nodes available to schedule pods');
  });
});

describe('plan: Services and Ingresses', () => {
  const app = `${deploy('web', 2, '      containers: [{name: c, image: x, ports: [{name: http, containerPort: 8080}, {name: metrics, containerPort: 9090}]}]', '{app: web, tier: fe}')}
---
${deploy('legacy', 1, '      containers: [{name: c, image: x, ports: [{name: http, containerPort: 3000}]}]', '{app: legacy, tier: fe}')}
---
${deploy('noport', 1, '      containers: [{name: c, image: x}]', '{app: noport, tier: fe}')}
---
apiVersion: v1
kind: Service
metadata: {name: fe}
spec:
  selector: {tier: fe}
  ports:
    - {name: web, port: 80, targetPort: http}
    - {name: raw, port: 81, targetPort: 7000}
---
apiVersion: v1
kind: Service
metadata: {name: orphan}
spec:
  selector: {app: nothing}
  ports: [{port: 80}]
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, annotations: {kubernetes.io/ingress.class: nginx}}
spec:
  defaultBackend: {service: {name: fe, port: {name: web}}}
  rules:
    - host: shop.example.com
      http:
        paths:
          - {path: /, pathType: Prefix, backend: {service: {name: fe, port: {number: 80}}}}
          - {path: /old, pathType: Exact, backend: {service: {name: orphan, port: {number: 80}}}}
          - {path: /gone, pathType: Prefix, backend: {service: {name: missing, port: {number: 80}}}}
`;

  it('resolves named target ports per pod and skips pods without them', () => {
    const r = plan(manifests(app));
    const fe = r.services.find((s) => s.name === 'fe')!;
    const web = fe.endpoints.filter((e) => e.portName === 'web');
    // http → 8080 on web pods, 3000 on the legacy pod; the noport pod has no `http` port → left out
    expect(web.map((e) => e.port).sort()).toEqual([3000, 8080, 8080]);
    // numeric targetPort 7000 is used as is for every selected pod (2 web + legacy + noport = 4)
    expect(fe.endpoints.filter((e) => e.portName === 'raw').map((e) => e.port)).toEqual([7000, 7000, 7000, 7000]);
    for (const e of fe.endpoints) expect(r.pods.find((p) => p.name === e.pod)!.node).toBe(e.node);
    const orphan = r.findings.find((f) => f.ruleId === 'plan/no-endpoints')!;
    expect(orphan).toMatchObject({ severity: 'warning', object: { kind: 'Service', name: 'orphan' } });
    expect(orphan.message).toBe('Service orphan selects no scheduled pod (selector app=nothing); it has no endpoints');
  });

  it('routes host + path → Service:port → pods, and flags routes to nothing', () => {
    const r = plan(manifests(app));
    const ing = at(r.ingresses, 0);
    expect(ing.ingressClass).toBe('nginx');
    expect(ing.routes.map((x) => [x.host, x.path, x.pathType, x.service, x.port, x.pods.length])).toEqual([
      ['*', '*', 'DefaultBackend', 'fe', 80, 3],
      ['shop.example.com', '/', 'Prefix', 'fe', 80, 3],
      ['shop.example.com', '/old', 'Exact', 'orphan', 80, 0],
      ['shop.example.com', '/gone', 'Prefix', 'missing', 80, 0],
    ]);
    const errors = r.findings.filter((f) => f.ruleId === 'plan/ingress-no-backend');
    expect(errors.map((f) => f.message)).toEqual([
      'Ingress shop: shop.example.com/old routes to Service orphan:80, which has no endpoints',
      'Ingress shop: shop.example.com/gone routes to Service missing, which is not in the inputs',
    ]);
    expect(errors.every((f) => f.severity === 'error')).toBe(true);
  });

  it('headless Services list pod DNS names', () => {
    const r = plan(
      manifests(`
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: zk}
spec:
  serviceName: zk-hs
  replicas: 2
  selector: {matchLabels: {app: zk}}
  template:
    metadata: {labels: {app: zk}}
    spec: {containers: [{name: zk, image: zk, ports: [{name: client, containerPort: 2181}]}]}
---
apiVersion: v1
kind: Service
metadata: {name: zk-hs}
spec: {clusterIP: None, selector: {app: zk}, ports: [{port: 2181, targetPort: client}]}
`),
    );
    expect(r.services[0]?.endpoints.map((e) => [e.dns, e.port])).toEqual([
      ['zk-0.zk-hs.default.svc.cluster.local', 2181],
      ['zk-1.zk-hs.default.svc.cluster.local', 2181],
    ]);
  });
});

describe('plan: CronJobs', () => {
  it('lists the next 3 runs in spec.timeZone across a DST change', () => {
    const cron = `
apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "30 2 * * *"
  timeZone: Europe/Berlin
  jobTemplate: {spec: {template: {spec: {restartPolicy: Never, containers: [{name: c, image: x}]}}}}
`;
    const r = plan(manifests(cron), { now: '2025-03-28T12:00:00Z' });
    // 29 Mar 02:30 CET = 01:30Z; on 30 Mar clocks jump 02:00 → 03:00, so 02:30 does not exist (robfig skips it);
    // 31 Mar 02:30 CEST = 00:30Z; 1 Apr 00:30Z
    expect(r.cronJobs[0]?.next).toEqual([
      { time: '2025-03-29T01:30:00Z', local: '2025-03-29T02:30:00+01:00' },
      { time: '2025-03-31T00:30:00Z', local: '2025-03-31T02:30:00+02:00' },
      { time: '2025-04-01T00:30:00Z', local: '2025-04-01T02:30:00+02:00' },
    ]);
    // without a time zone the schedule is read in UTC, from the fixed default instant
    const utc = plan(manifests(cron.replace('  timeZone: Europe/Berlin\n', '')));
    expect(utc.cronJobs[0]?.next.map((n) => n.time)).toEqual([
      '2025-01-01T02:30:00Z',
      '2025-01-02T02:30:00Z',
      '2025-01-03T02:30:00Z',
    ]);
    const bad = plan(manifests(cron.replace('Europe/Berlin', 'Mars/Olympus')));
    expect(bad.findings[0]).toMatchObject({ ruleId: 'plan/skipped', line: 7 });
  });
});

describe('plan: explain', () => {
  it('gives each node’s verdict and per-plugin scores for the named pod', () => {
    const r = plan(
      manifests(`
apiVersion: v1
kind: Pod
metadata: {name: probe}
spec:
  nodeSelector: {topology.kubernetes.io/zone: zone-a}
  containers: [{name: c, image: x, resources: {requests: {cpu: "1", memory: 4Gi}}}]
---
apiVersion: v1
kind: Pod
metadata: {name: target}
spec:
  containers: [{name: c, image: x, resources: {requests: {cpu: "1", memory: 1Gi}}}]
`),
      { explain: 'target' },
    );
    // probe (created... canonical order: probe < target) lands on worker-1 (zone-a): 1 CPU, 4Gi used there.
    const e = r.explain!;
    expect(e).toMatchObject({ pod: 'target', found: true, node: 'worker-2' });
    const w1 = e.nodes.find((n) => n.node === 'worker-1')!.scores!;
    // worker-1: cpu (4000 − 2000)·100/4000 = 50; mem (16 − 5)·100/16 = 68.75 → 68; (50 + 68)/2 = 59
    expect(w1.NodeResourcesFit?.raw).toBe(59);
    // worker-1: f_cpu 0.5, f_mem 5/16 = 0.3125 → std 0.09375 → 90.625 → 90
    expect(w1.NodeResourcesBalancedAllocation?.raw).toBe(90);
    const w2 = e.nodes.find((n) => n.node === 'worker-2')!.scores!;
    // worker-2: cpu 3000·100/4000 = 75; mem 15·100/16 = 93.75 → 93; (75 + 93)/2 = 84
    expect(w2.NodeResourcesFit?.raw).toBe(84);
    // worker-2: 0.25 vs 0.0625 → std 0.09375 → 90
    expect(w2.NodeResourcesBalancedAllocation?.raw).toBe(90);
    expect(e.nodes.find((n) => n.node === 'worker-2')!.total).toBe(300 + 84 + 90);
    const text = renderPlanText(r);
    expect(text).toContain('Explain default/target');
    expect(text).toContain('NodeResourcesFit                 raw 84');
    expect(plan([], { explain: 'nope' }).explain).toMatchObject({ found: false });
  });
});

describe('plan: output', () => {
  it('the JSON has the documented keys in a stable order', () => {
    const r = plan(manifests(deploy('web', 1, '      containers: [{name: c, image: x}]')));
    const json = planToJson(r) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual([
      'cluster',
      'settings',
      'pods',
      'workloads',
      'volumeClaims',
      'services',
      'ingresses',
      'cronJobs',
      'evictions',
      'summary',
    ]);
    expect(Object.keys(at(json.pods as object[], 0))).toEqual([
      'name',
      'namespace',
      'owner',
      'workload',
      'node',
      'priority',
      'labels',
    ]);
    expect(Object.keys(at((json.cluster as { nodes: object[] }).nodes, 0))).toEqual([
      'name',
      'zone',
      'allocatable',
      'requested',
      'pods',
      'running',
    ]);
    expect(json.summary).toEqual({ pods: 1, scheduled: 1, unschedulable: 0 });
  });

  it('the text report has no colour unless asked, and escapes control characters', () => {
    const r = plan(manifests(deploy('web', 1, '      containers: [{name: c, image: x}]')));
    const text = renderPlanText(r);
    expect(text).not.toContain('\u001b[');
    expect(text).toContain('Summary: 1 pod, 1 scheduled, 0 unschedulable');
    expect(text).toContain('worker-1  zone-a  1/110  0/4  0/16Gi');
    expect(renderPlanText(r, { color: true })).toContain('\u001b[1m');
    const hostile = plan(
      manifests(
        'apiVersion: v1\nkind: Pod\nmetadata: {name: "evil\\u001b[31m"}\nspec: {containers: [{name: c, image: x}]}\n',
      ),
    );
    expect(renderPlanText(hostile)).not.toContain('\u001b');
  });
});
