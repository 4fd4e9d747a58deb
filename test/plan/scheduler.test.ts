import { describe, expect, it } from 'vitest';
import { selectorFromMap } from '../../src/k8s/label-selector.js';
import { Scheduler } from '../../src/plan/scheduler/scheduler.js';
import { ClusterState } from '../../src/plan/scheduler/state.js';
import { at, get, node, NO_VICTIMS, NOT_HELPFUL, pod, preemptionSentence, requesting } from './helpers.js';

const zones = (n: string, z: string) => node(n, { labels: { 'topology.kubernetes.io/zone': z } });

describe('scheduler: filters and the FailedScheduling message', () => {
  it('resource exhaustion gives kube-scheduler’s exact text', () => {
    const s = new Scheduler(new ClusterState([node('a'), node('b'), node('c')]));
    // 5 CPU > 4 CPU allocatable on each of the 3 nodes
    // 5 CPU > the whole 4 CPU: UnschedulableAndUnresolvable from v1.34 → preemption: not helpful on all 3
    expect(s.schedule(pod('big', requesting('5'))).reason).toBe(
      '0/3 nodes are available: 3 Insufficient cpu.' + preemptionSentence(3, [`3 ${NOT_HELPFUL}`]),
    );
    // both shortages are separate reasons, each counted per node
    expect(s.schedule(pod('huge', requesting('5', '20Gi'))).reason).toBe(
      '0/3 nodes are available: 3 Insufficient cpu, 3 Insufficient memory.' +
        preemptionSentence(3, [`3 ${NOT_HELPFUL}`]),
    );
  });

  it('mixes reasons and sorts "count reason" strings like sort.Strings', () => {
    const s = new Scheduler(
      new ClusterState([
        node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
        node('small-1', { cpu: '1' }),
        node('small-2', { cpu: '1' }),
      ]),
    );
    // gpu: taint filter runs before resources → 1 taint reason; small-*: 2 CPU > 1 → 2 Insufficient cpu
    // preemption: the taint and 2 CPU > 1 CPU allocatable are both unresolvable → 3 not helpful
    expect(s.schedule(pod('p', requesting('2'))).reason).toBe(
      '0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 Insufficient cpu.' +
        preemptionSentence(3, [`3 ${NOT_HELPFUL}`]),
    );
  });

  it('fills nodes until the pod count runs out ("Too many pods")', () => {
    const s = new Scheduler(new ClusterState([node('a', { pods: 2 })]));
    expect(s.schedule(pod('p1', requesting())).node).toBe('a');
    expect(s.schedule(pod('p2', requesting())).node).toBe('a');
    // 2 pods + 1 > 2 allowed; "Too many pods" stays resolvable, but p1 and p2 have the same priority (0)
    expect(s.schedule(pod('p3', requesting())).reason).toBe(
      '0/1 nodes are available: 1 Too many pods.' + preemptionSentence(1, [`1 ${NO_VICTIMS}`]),
    );
  });

  it('accounts requests as pods are bound: 3 × 1.5 CPU on 4-CPU nodes', () => {
    const s = new Scheduler(new ClusterState([node('a'), node('b')]));
    const placed = [1, 2, 3, 4, 5].map((i) => s.schedule(pod(`p${i}`, requesting('1500m'))));
    // each node fits 2 × 1500m = 3000m ≤ 4000m; the 5th needs 1500m > 4000 − 3000 = 1000m on both
    expect(placed.filter((r) => r.node !== null)).toHaveLength(4);
    // 1500m ≤ 4000m allocatable: resolvable, but no pod of lower priority to evict
    expect(placed[4]?.reason).toBe(
      '0/2 nodes are available: 2 Insufficient cpu.' + preemptionSentence(2, [`2 ${NO_VICTIMS}`]),
    );
  });

  it('removing a pod frees its capacity', () => {
    const cluster = new ClusterState([node('a', { cpu: '1' })]);
    const s = new Scheduler(cluster);
    const first = pod('first', requesting('1'));
    expect(s.schedule(first).node).toBe('a');
    expect(s.schedule(pod('second', requesting('1')), { bind: false }).node).toBeNull();
    s.remove(first);
    expect(s.schedule(pod('second', requesting('1'))).node).toBe('a');
  });

  it('init containers, sidecars and overhead count as PodRequests computes them', () => {
    // containers 1 CPU; init 3 CPU (alone); sidecar 500m runs alongside everything after it
    // → steady = 1000 + 500 = 1500; init peak = max(3000 + 0 (the sidecar starts after it), …)
    const spec = {
      initContainers: [
        { name: 'init', image: 'busybox', resources: { requests: { cpu: '3' } } },
        { name: 'sidecar', image: 'envoy', restartPolicy: 'Always', resources: { requests: { cpu: '500m' } } },
        { name: 'late-init', image: 'busybox', resources: { requests: { cpu: '3200m' } } },
      ],
      containers: [{ name: 'app', image: 'app', resources: { requests: { cpu: '1' } } }],
      overhead: { cpu: '250m' },
    };
    const p = pod('p', spec);
    // late-init runs with the sidecar: 3200 + 500 = 3700 > 1500 → pod request 3700, + overhead 250 = 3950
    expect(p.requests.cpu).toBe(3950);
    const s = new Scheduler(new ClusterState([node('a', { cpu: '3900m' })]));
    // 3950m > 3900m allocatable: unresolvable
    expect(s.schedule(p).reason).toBe(
      '0/1 nodes are available: 1 Insufficient cpu.' + preemptionSentence(1, [`1 ${NOT_HELPFUL}`]),
    );
  });

  it('limits without requests become requests (SetDefaults_Pod)', () => {
    const p = pod('p', { containers: [{ name: 'c', image: 'x', resources: { limits: { cpu: '2', memory: '1Gi' } } }] });
    expect(p.requests).toEqual({ cpu: 2000, memory: 1073741824 });
  });

  it('extended resources must be offered by the node', () => {
    const s = new Scheduler(new ClusterState([node('cpu-only'), node('gpu', { extra: { 'nvidia.com/gpu': '1' } })]));
    const gpuPod = () =>
      pod('g', { containers: [{ name: 'c', image: 'cuda', resources: { limits: { 'nvidia.com/gpu': 1 } } }] });
    expect(s.schedule(gpuPod()).node).toBe('gpu');
    // cpu-only: 1 > 0 allocatable (unresolvable); gpu: 1 ≤ 1 but the holder has the same priority
    expect(s.schedule(gpuPod()).reason).toBe(
      '0/2 nodes are available: 2 Insufficient nvidia.com/gpu.' +
        preemptionSentence(2, [`1 ${NO_VICTIMS}`, `1 ${NOT_HELPFUL}`]),
    );
  });
});

describe('scheduler: taints and tolerations', () => {
  const tainted = () =>
    new Scheduler(
      new ClusterState([
        node('cp', { taints: [{ key: 'node-role.kubernetes.io/control-plane', value: '', effect: 'NoSchedule' }] }),
        node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      ]),
    );

  it('rejects untolerated NoSchedule taints, printing empty values as "{key: }"', () => {
    expect(tainted().schedule(pod('p', requesting())).reason).toBe(
      '0/2 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.' +
        preemptionSentence(2, [`2 ${NOT_HELPFUL}`]),
    );
  });

  it('Equal and Exists tolerations', () => {
    const equal = pod(
      'p',
      requesting(undefined, undefined, {
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }],
      }),
    );
    expect(tainted().schedule(equal).node).toBe('gpu');
    const wrongValue = pod(
      'p',
      requesting(undefined, undefined, { tolerations: [{ key: 'dedicated', value: 'cpu' }] }),
    );
    expect(tainted().schedule(wrongValue).node).toBeNull();
    const everything = pod('p', requesting(undefined, undefined, { tolerations: [{ operator: 'Exists' }] }));
    expect(tainted().schedule(everything).node).toBe('cp'); // both fit; equal scores → smallest name
  });

  it('PreferNoSchedule only lowers the score', () => {
    const s = new Scheduler(
      new ClusterState([node('a', { taints: [{ key: 'k', value: 'v', effect: 'PreferNoSchedule' }] }), node('b')]),
    );
    const r = s.schedule(pod('p', requesting('100m')), { explain: true });
    // raw counts a=1, b=0 → reversed normalisation: a = 100 − 100·1/1 = 0, b = 100; ×3
    expect(r.node).toBe('b');
    const a = r.explain!.nodes.find((n) => n.node === 'a')!;
    expect(a.scores!.TaintToleration).toEqual({ raw: 1, normalized: 0, weighted: 0 });
    expect(r.explain!.nodes.find((n) => n.node === 'b')!.scores!.TaintToleration).toEqual({
      raw: 0,
      normalized: 100,
      weighted: 300,
    });
  });

  it('cordoned nodes are skipped unless the pod tolerates the unschedulable taint', () => {
    const s = new Scheduler(new ClusterState([node('a', { unschedulable: true })]));
    expect(s.schedule(pod('p', requesting())).reason).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable.' + preemptionSentence(1, [`1 ${NOT_HELPFUL}`]),
    );
    const tolerant = pod(
      'q',
      requesting(undefined, undefined, {
        tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }],
      }),
    );
    expect(s.schedule(tolerant).node).toBe('a');
  });
});

describe('scheduler: nodeSelector and node affinity', () => {
  const cluster = () =>
    new Scheduler(
      new ClusterState([
        node('ssd-1', { labels: { disk: 'ssd', rank: '5' } }),
        node('hdd-1', { labels: { disk: 'hdd', rank: '1' } }),
      ]),
    );

  it('nodeSelector', () => {
    expect(cluster().schedule(pod('p', requesting(undefined, undefined, { nodeSelector: { disk: 'ssd' } }))).node).toBe(
      'ssd-1',
    );
    expect(
      cluster().schedule(pod('p', requesting(undefined, undefined, { nodeSelector: { disk: 'nvme' } }))).reason,
    ).toBe(
      "0/2 nodes are available: 2 node(s) didn't match Pod's node affinity/selector." +
        preemptionSentence(2, [`2 ${NOT_HELPFUL}`]),
    );
  });

  it('required node affinity: terms ORed, expressions ANDed, Gt', () => {
    const affinity = (terms: unknown[]) => ({
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
    });
    expect(
      cluster().schedule(
        pod(
          'p',
          requesting(
            undefined,
            undefined,
            affinity([{ matchExpressions: [{ key: 'rank', operator: 'Gt', values: ['3'] }] }]),
          ),
        ),
      ).node,
    ).toBe('ssd-1');
    expect(
      cluster().schedule(
        pod(
          'p',
          requesting(
            undefined,
            undefined,
            affinity([
              {
                matchExpressions: [
                  { key: 'disk', operator: 'In', values: ['hdd'] },
                  { key: 'rank', operator: 'Gt', values: ['3'] },
                ],
              },
            ]),
          ),
        ),
      ).node,
    ).toBeNull();
    expect(
      cluster().schedule(
        pod(
          'p',
          requesting(
            undefined,
            undefined,
            affinity([
              { matchExpressions: [{ key: 'disk', operator: 'NotIn', values: ['ssd'] }] },
              { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['nope'] }] },
            ]),
          ),
        ),
      ).node,
    ).toBe('hdd-1');
  });

  it('preferred node affinity: weights summed and scaled to 100', () => {
    const r = cluster().schedule(
      pod(
        'p',
        requesting('100m', undefined, {
          affinity: {
            nodeAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 20, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['hdd'] }] } },
                { weight: 80, preference: { matchExpressions: [{ key: 'rank', operator: 'Exists' }] } },
              ],
            },
          },
        }),
      ),
      { explain: true },
    );
    // hdd-1: 20 + 80 = 100 → 100; ssd-1: 80 → 100·80/100 = 80; ×2
    expect(r.node).toBe('hdd-1');
    expect(r.explain!.nodes.find((n) => n.node === 'ssd-1')!.scores!.NodeAffinity).toEqual({
      raw: 80,
      normalized: 80,
      weighted: 160,
    });
    expect(r.explain!.nodes.find((n) => n.node === 'hdd-1')!.scores!.NodeAffinity).toEqual({
      raw: 100,
      normalized: 100,
      weighted: 200,
    });
  });

  it('a pin to a node name narrows candidates in PreFilter (how DaemonSet pods are pinned)', () => {
    const pinned = pod(
      'p',
      requesting('8', undefined, {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['ssd-1'] }] }],
            },
          },
        },
      }),
    );
    expect(cluster().schedule(pinned).reason).toBe(
      // ssd-1: 8 CPU > 4 allocatable; hdd-1: left out by PreFilter — both unresolvable
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't satisfy plugin(s) [NodeAffinity]." +
        preemptionSentence(2, [`2 ${NOT_HELPFUL}`]),
    );
  });
});

describe('scheduler: host ports', () => {
  it('a hostPort can be used once per node; different protocol or IP is fine', () => {
    const s = new Scheduler(new ClusterState([node('a'), node('b')]));
    const withPort = (name: string, port: Record<string, unknown>) =>
      pod(name, { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 80, ...port }] }] });
    expect(s.schedule(withPort('p1', { hostPort: 8080 })).node).toBe('a');
    expect(s.schedule(withPort('p2', { hostPort: 8080 })).node).toBe('b');
    expect(['a', 'b']).toContain(s.schedule(withPort('p3', { hostPort: 8080, protocol: 'UDP' })).node);
    expect(s.schedule(withPort('p4', { hostPort: 8080 })).reason).toBe(
      "0/2 nodes are available: 2 node(s) didn't have free ports for the requested pod ports." +
        preemptionSentence(2, [`2 ${NO_VICTIMS}`]),
    );
    // 0.0.0.0 conflicts with every IP
    expect(s.schedule(withPort('p5', { hostPort: 8080, hostIP: '10.0.0.1' })).node).toBeNull();
  });

  it('hostNetwork pods use their container ports as host ports', () => {
    const s = new Scheduler(new ClusterState([node('a')]));
    const hn = (name: string) =>
      pod(name, { hostNetwork: true, containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 9100 }] }] });
    expect(s.schedule(hn('e1')).node).toBe('a');
    expect(s.schedule(hn('e2')).node).toBeNull();
  });
});

describe('scheduler: LeastAllocated and BalancedAllocation numbers', () => {
  it('scores a small case by hand', () => {
    const cluster = new ClusterState([node('a'), node('b')]);
    const s = new Scheduler(cluster);
    cluster.add(pod('existing', requesting('1', '2Gi')), 'a');
    const r = s.schedule(pod('p', requesting('500m', '1Gi')), { explain: true });
    const a = r.explain!.nodes.find((n) => n.node === 'a')!.scores!;
    const b = r.explain!.nodes.find((n) => n.node === 'b')!.scores!;
    // a: cpu (4000 − 1500)·100/4000 = 62.5 → 62; memory (16 − 3)·100/16 = 81.25 → 81; (62 + 81)/2 = 71.5 → 71
    expect(a.NodeResourcesFit?.raw).toBe(71);
    // a: f_cpu = 1500/4000 = 0.375, f_mem = 3/16 = 0.1875; std = 0.09375; (1 − std)·100 = 90.625 → 90
    expect(a.NodeResourcesBalancedAllocation?.raw).toBe(90);
    // b: cpu (4000 − 500)·100/4000 = 87.5 → 87; memory 15·100/16 = 93.75 → 93; (87 + 93)/2 = 90
    expect(b.NodeResourcesFit?.raw).toBe(90);
    // b: 0.125 vs 0.0625 → std 0.03125 → 96.875 → 96
    expect(b.NodeResourcesBalancedAllocation?.raw).toBe(96);
    // totals: TaintToleration 100·3 each; a = 300 + 71 + 90 = 461, b = 300 + 90 + 96 = 486
    expect(r.explain!.nodes.find((n) => n.node === 'a')!.total).toBe(461);
    expect(r.explain!.nodes.find((n) => n.node === 'b')!.total).toBe(486);
    expect(r.node).toBe('b');
  });

  it('uses 100m / 200Mi for containers without requests, and skips BalancedAllocation for them', () => {
    const s = new Scheduler(new ClusterState([node('a'), node('b')]));
    const r = s.schedule(pod('p', requesting()), { explain: true });
    const a = at(r.explain?.nodes ?? [], 0).scores ?? {};
    // cpu (4000 − 100)·100/4000 = 97.5 → 97; memory (17179869184 − 209715200)·100/17179869184 = 98.78 → 98; (97 + 98)/2 → 97
    expect(a.NodeResourcesFit?.raw).toBe(97);
    expect(a.NodeResourcesBalancedAllocation).toEqual({ raw: 0, normalized: 0, weighted: 0 });
    // equal totals → the smallest node name
    expect(r.node).toBe('a');
  });
});

describe('scheduler: existing pods', () => {
  it('running pods in the snapshot consume capacity', () => {
    const cluster = new ClusterState([node('a', { cpu: '2' }), node('b', { cpu: '2' })]);
    cluster.add(pod('running-1', requesting('1500m')), 'a');
    cluster.add(pod('running-2', requesting('1')), 'b');
    const s = new Scheduler(cluster);
    // a has 500m left, b has 1000m left: a 1-CPU pod fits only b
    expect(s.schedule(pod('p', requesting('1'))).node).toBe('b');
    expect(s.schedule(pod('q', requesting('1'))).reason).toBe(
      '0/2 nodes are available: 2 Insufficient cpu.' + preemptionSentence(2, [`2 ${NO_VICTIMS}`]),
    );
  });
});

describe('scheduler: inter-pod anti-affinity', () => {
  const antiPod = (name: string) =>
    pod(
      name,
      requesting('100m', undefined, {
        affinity: {
          podAntiAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: 'db' } }, topologyKey: 'kubernetes.io/hostname' },
            ],
          },
        },
      }),
      { labels: { app: 'db' } },
    );

  it('one per node; the 4th pod on 3 nodes is unschedulable', () => {
    const s = new Scheduler(new ClusterState([zones('n1', 'a'), zones('n2', 'b'), zones('n3', 'c')]));
    const nodes = [1, 2, 3].map((i) => s.schedule(antiPod(`db-${i}`)).node);
    expect(new Set(nodes).size).toBe(3);
    expect(s.schedule(antiPod('db-4')).reason).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules." +
        preemptionSentence(3, [`3 ${NO_VICTIMS}`]),
    );
  });

  it('existing pods’ anti-affinity keeps other matching pods away', () => {
    const cluster = new ClusterState([zones('n1', 'a'), zones('n2', 'b')]);
    const s = new Scheduler(cluster);
    cluster.add(antiPod('db-0'), 'n1');
    // a plain pod labelled app=db has no terms of its own, but db-0's term selects it
    const plain = pod('plain', requesting('100m'), { labels: { app: 'db' } });
    const r = s.schedule(plain, { explain: true });
    expect(r.node).toBe('n2');
    expect(r.explain!.nodes[0]).toMatchObject({
      node: 'n1',
      failedPlugin: 'InterPodAffinity',
      reasons: ["node(s) didn't satisfy existing pods anti-affinity rules"],
    });
  });

  it('required affinity: first pod of a self-affine group, then co-location by zone', () => {
    const s = new Scheduler(new ClusterState([zones('n1', 'a'), zones('n2', 'b'), zones('n3', 'b')]));
    const affine = (name: string) =>
      pod(
        name,
        requesting('100m', undefined, {
          affinity: {
            podAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: { app: 'cache' } }, topologyKey: 'topology.kubernetes.io/zone' },
              ],
            },
          },
        }),
        {
          labels: { app: 'cache' },
        },
      );
    const first = s.schedule(affine('c1')).node!;
    const zone = first === 'n1' ? 'a' : 'b';
    const second = s.schedule(affine('c2')).node!;
    expect(second === 'n1' ? 'a' : 'b').toBe(zone);
    // a pod needing app=other finds none and does not match its own term → rejected everywhere
    const lonely = pod(
      'l',
      requesting('100m', undefined, {
        affinity: {
          podAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: [
              { labelSelector: { matchLabels: { app: 'other' } }, topologyKey: 'topology.kubernetes.io/zone' },
            ],
          },
        },
      }),
    );
    expect(s.schedule(lonely).reason).toBe(
      "0/3 nodes are available: 3 node(s) didn't match pod affinity rules." +
        preemptionSentence(3, [`3 ${NOT_HELPFUL}`]),
    );
  });
});

describe('scheduler: topology spread', () => {
  it('DoNotSchedule maxSkew 1 over zones keeps the counts within one', () => {
    const s = new Scheduler(new ClusterState([zones('a1', 'a'), zones('a2', 'a'), zones('b1', 'b')]));
    const spread = (name: string) =>
      pod(
        name,
        requesting('100m', undefined, {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { app: 'w' } },
            },
          ],
        }),
        {
          labels: { app: 'w' },
        },
      );
    const placed = [1, 2, 3, 4].map((i) => s.schedule(spread(`w${i}`)).node!);
    const perZone = {
      a: placed.filter((n) => n.startsWith('a')).length,
      b: placed.filter((n) => n.startsWith('b')).length,
    };
    // after each pod |a − b| ≤ 1; 4 pods → 2 and 2 (b1 takes both b pods)
    expect(perZone).toEqual({ a: 2, b: 2 });
  });

  it('rejects nodes that would exceed maxSkew, with the scheduler’s reason', () => {
    const cluster = new ClusterState([zones('a1', 'a'), zones('b1', 'b')]);
    const s = new Scheduler(cluster);
    const spread = (name: string, extra: Record<string, unknown> = {}) =>
      pod(
        name,
        requesting('100m', undefined, {
          topologySpreadConstraints: [
            {
              maxSkew: 1,
              topologyKey: 'topology.kubernetes.io/zone',
              whenUnsatisfiable: 'DoNotSchedule',
              labelSelector: { matchLabels: { app: 'w' } },
            },
          ],
          ...extra,
        }),
        {
          labels: { app: 'w' },
        },
      );
    cluster.add(spread('w0'), 'a1');
    cluster.add(pod('filler', requesting('4')), 'b1'); // b1 has no cpu left (and filler is not app=w)
    // a1: fits (200m of 4), but zone a would hold 1 + 1 while b holds 0 (min 0): skew 2 > 1 → rejected.
    // b1: NodeResourcesFit runs before PodTopologySpread → Insufficient cpu.
    // "1 Insufficient cpu" sorts before "1 node(s)…" ('I' < 'n').
    const r = s.schedule(spread('w1'));
    expect(r.reason).toBe(
      "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) didn't match pod topology spread constraints." +
        preemptionSentence(2, [`2 ${NO_VICTIMS}`]),
    );
    const unlabeled = new Scheduler(new ClusterState([node('bare')]));
    expect(unlabeled.schedule(spread('w2')).reason).toBe(
      "0/1 nodes are available: 1 node(s) didn't match pod topology spread constraints (missing required label)." +
        preemptionSentence(1, [`1 ${NOT_HELPFUL}`]),
    );
  });

  it('system default spreading scores by the owner’s selector', () => {
    const cluster = new ClusterState([zones('n1', 'a'), zones('n2', 'b'), zones('n3', 'c')]);
    const s = new Scheduler(cluster);
    const owner = selectorFromMap({ app: 'web' });
    const web = (name: string) => pod(name, requesting('100m'), { labels: { app: 'web' }, ownerSelector: owner });
    cluster.add(web('w1'), 'n1');
    cluster.add(web('w2'), 'n1');
    cluster.add(web('w3'), 'n2');
    const r = s.schedule(web('w4'), { explain: true });
    const spread = (n: string) => get(r.explain?.nodes.find((x) => x.node === n)?.scores ?? {}, 'PodTopologySpread');
    // 3 feasible nodes, 3 zones: hostname weight = zone weight = ln(3 + 2) = 1.6094
    // n1: 2·1.6094 + (3 − 1) + 2·1.6094 + (5 − 1) = 12.44 → 12
    // n2: 1·1.6094 + 2 + 1·1.6094 + 4 = 9.22 → 9;  n3: 0 + 2 + 0 + 4 = 6
    expect([spread('n1').raw, spread('n2').raw, spread('n3').raw]).toEqual([12, 9, 6]);
    // normalised 100·(max + min − s)/max with max 12, min 6: n1 = 600/12 = 50, n2 = 900/12 = 75, n3 = 1200/12 = 100
    expect([spread('n1').normalized, spread('n2').normalized, spread('n3').normalized]).toEqual([50, 75, 100]);
    expect(r.node).toBe('n3');
  });
});

describe('scheduler: ImageLocality and InterPodAffinity scores', () => {
  it('ImageLocality scales image size by spread and clamps to [23MiB, 1000MiB × containers]', () => {
    const MiB = 1024 * 1024;
    const s = new Scheduler(new ClusterState([node('a', { images: { 'nginx:latest': 500 * MiB } }), node('b')]));
    const r = s.schedule(pod('p', { containers: [{ name: 'c', image: 'nginx' }] }), { explain: true });
    // "nginx" is normalised to "nginx:latest"; on 1 of 2 nodes → sum = 500MiB × 1/2 = 262144000
    // score = 100 × (262144000 − 24117248) / (1048576000 − 24117248) = 23.2 → 23; b: 0 (clamped to the minimum)
    expect(r.explain?.nodes.map((n) => n.scores?.ImageLocality?.raw)).toEqual([23, 0]);
    expect(r.node).toBe('a');
  });

  it('preferred pod affinity and anti-affinity, normalised min–max', () => {
    const cluster = new ClusterState([zones('n1', 'a'), zones('n2', 'b'), zones('n3', 'b')]);
    cluster.add(pod('cache', requesting('100m'), { labels: { app: 'cache' } }), 'n1');
    cluster.add(pod('web', requesting('100m'), { labels: { app: 'web' } }), 'n2');
    const s = new Scheduler(cluster);
    const r = s.schedule(
      pod(
        'p',
        requesting('100m', undefined, {
          affinity: {
            podAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 50,
                  podAffinityTerm: {
                    labelSelector: { matchLabels: { app: 'cache' } },
                    topologyKey: 'topology.kubernetes.io/zone',
                  },
                },
              ],
            },
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 20,
                  podAffinityTerm: {
                    labelSelector: { matchLabels: { app: 'web' } },
                    topologyKey: 'kubernetes.io/hostname',
                  },
                },
              ],
            },
          },
        }),
      ),
      { explain: true },
    );
    const ipa = (n: string) => r.explain!.nodes.find((x) => x.node === n)!.scores!.InterPodAffinity;
    // raw: n1 = +50 (zone a holds cache), n2 = −20 (web on n2), n3 = 0
    // normalised 100 × (s − min)/(max − min), min −20, max 50: n1 100, n2 0, n3 trunc(2000/70) = 28; ×2
    expect([ipa('n1'), ipa('n2'), ipa('n3')]).toEqual([
      { raw: 50, normalized: 100, weighted: 200 },
      { raw: -20, normalized: 0, weighted: 0 },
      { raw: 0, normalized: 28, weighted: 56 },
    ]);
    expect(r.node).toBe('n1');
  });
});

describe('scheduler: mutable state', () => {
  it('removing pods undoes their anti-affinity (merged terms are reference-counted)', () => {
    const cluster = new ClusterState([zones('n1', 'a')]);
    const s = new Scheduler(cluster);
    const anti = (name: string) =>
      pod(
        name,
        requesting('100m', undefined, {
          affinity: {
            podAntiAffinity: {
              requiredDuringSchedulingIgnoredDuringExecution: [
                { labelSelector: { matchLabels: { app: 'x' } }, topologyKey: 'kubernetes.io/hostname' },
              ],
            },
          },
        }),
        {
          labels: { app: 'x' },
        },
      );
    const a = anti('a');
    expect(s.schedule(a).node).toBe('n1');
    const plain = pod('plain', requesting('100m'), { labels: { app: 'x' } });
    // a's term selects plain → "existing pods anti-affinity"
    expect(s.schedule(plain, { bind: false }).reason).toBe(
      "0/1 nodes are available: 1 node(s) didn't satisfy existing pods anti-affinity rules." +
        preemptionSentence(1, [`1 ${NO_VICTIMS}`]),
    );
    s.remove(a);
    expect(s.schedule(plain).node).toBe('n1');
    // now plain (no terms) is there: a new anti pod is rejected by its own term
    expect(s.schedule(anti('b')).reason).toBe(
      "0/1 nodes are available: 1 node(s) didn't match pod anti-affinity rules." +
        preemptionSentence(1, [`1 ${NO_VICTIMS}`]),
    );
    s.remove(plain);
    expect(s.schedule(anti('c')).node).toBe('n1');
  });
});
