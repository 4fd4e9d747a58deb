/**
 * Planner properties on generated clusters and workloads: no node is ever over its allocatable resources (checked
 * against requests computed here, not the planner's own totals), every pod is placed or says why not, hard
 * constraints (nodeSelector, taints, cordoned nodes, host ports, required anti-affinity) hold for every placement,
 * and the plan does not depend on the run or on the order of the manifests.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/types.js';
import { loadText } from '../../src/load/index.js';
import { plan, planToJson } from '../../src/plan/index.js';
import { mutant, seeds } from './arbitraries.js';

const ZONES = ['zone-a', 'zone-b', 'zone-c'];

interface NodeSpec {
  cpu: number; // millicores
  memory: number; // MiB
  pods: number;
  zone: string;
  tainted: boolean;
  cordoned: boolean;
}

interface WorkloadSpec {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  replicas: number;
  cpu: number; // millicores per container (0 = not set)
  memory: number; // MiB per container (0 = not set)
  containers: number;
  asLimits: boolean; // set limits only: requests default to them
  zone: string | null; // nodeSelector on the zone
  tolerates: boolean;
  hostPort: number | null;
  antiAffinity: boolean; // required, on kubernetes.io/hostname, against its own pods
  priority: 'high' | null;
}

/** true with probability 1/(1+against). */
const sometimes = (against: number) =>
  fc.oneof({ weight: 1, arbitrary: fc.constant(true) }, { weight: against, arbitrary: fc.constant(false) });
const rarely = <T>(value: fc.Arbitrary<T>, against: number) =>
  fc.oneof({ weight: 1, arbitrary: value }, { weight: against, arbitrary: fc.constant(null) });

const nodeSpec: fc.Arbitrary<NodeSpec> = fc.record({
  cpu: fc.integer({ min: 250, max: 8000 }),
  memory: fc.integer({ min: 256, max: 32 * 1024 }),
  pods: fc.integer({ min: 1, max: 20 }),
  zone: fc.constantFrom(...ZONES),
  tainted: sometimes(3),
  cordoned: sometimes(6),
});

const workloadSpec: fc.Arbitrary<WorkloadSpec> = fc.record({
  kind: fc.constantFrom('Deployment' as const, 'StatefulSet' as const, 'DaemonSet' as const),
  replicas: fc.integer({ min: 0, max: 8 }),
  cpu: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3000 })),
  memory: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 8192 })),
  containers: fc.integer({ min: 1, max: 2 }),
  asLimits: fc.boolean(),
  zone: rarely(fc.constantFrom(...ZONES), 3),
  tolerates: fc.boolean(),
  hostPort: rarely(fc.constantFrom(8080, 9090), 4),
  antiAffinity: sometimes(2),
  priority: rarely(fc.constant('high' as const), 3),
});

function clusterYaml(nodes: NodeSpec[]): string {
  return nodes
    .map((n, i) =>
      [
        'apiVersion: v1',
        'kind: Node',
        'metadata:',
        `  name: node-${i}`,
        `  labels: {kubernetes.io/hostname: node-${i}, topology.kubernetes.io/zone: ${n.zone}}`,
        'spec:',
        `  unschedulable: ${n.cordoned}`,
        `  taints: ${n.tainted ? '[{key: dedicated, value: batch, effect: NoSchedule}]' : '[]'}`,
        'status:',
        `  allocatable: {cpu: ${n.cpu}m, memory: ${n.memory}Mi, pods: "${n.pods}"}`,
        `  capacity: {cpu: ${n.cpu}m, memory: ${n.memory}Mi, pods: "${n.pods}"}`,
      ].join('\n'),
    )
    .join('\n---\n');
}

function workloadYaml(w: WorkloadSpec, i: number): string {
  const name = `w${i}`;
  const resources: string[] = [];
  const amounts = [w.cpu ? `cpu: ${w.cpu}m` : '', w.memory ? `memory: ${w.memory}Mi` : ''].filter(Boolean).join(', ');
  if (amounts) resources.push(`${w.asLimits ? 'limits' : 'requests'}: {${amounts}}`);
  const containers = Array.from({ length: w.containers }, (_, c) =>
    [
      `      - name: c${c}`,
      `        image: registry.example.com/app:${i}.${c}`,
      `        resources: {${resources.join(', ')}}`,
      ...(w.hostPort !== null && c === 0 ? [`        ports: [{containerPort: 80, hostPort: ${w.hostPort}}]`] : []),
    ].join('\n'),
  );
  const spec = [
    ...(w.zone ? [`      nodeSelector: {topology.kubernetes.io/zone: ${w.zone}}`] : []),
    ...(w.tolerates
      ? ['      tolerations: [{key: dedicated, operator: Equal, value: batch, effect: NoSchedule}]']
      : []),
    ...(w.priority ? ['      priorityClassName: high'] : []),
    ...(w.antiAffinity
      ? [
          `      affinity: {podAntiAffinity: {requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: ${name}}}}]}}`,
        ]
      : []),
    '      containers:',
    ...containers,
  ];
  return [
    `apiVersion: apps/v1`,
    `kind: ${w.kind}`,
    `metadata: {name: ${name}, namespace: default}`,
    'spec:',
    ...(w.kind === 'DaemonSet' ? [] : [`  replicas: ${w.replicas}`]),
    ...(w.kind === 'StatefulSet' ? [`  serviceName: ${name}`] : []),
    `  selector: {matchLabels: {app: ${name}}}`,
    '  template:',
    `    metadata: {labels: {app: ${name}}}`,
    '    spec:',
    ...spec,
  ].join('\n');
}

const PRIORITY_CLASS = 'apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: high}\nvalue: 1000\n';

function manifestsOf(text: string, file: string): Manifest[] {
  const r = loadText(text, file);
  expect(r.findings.filter((f) => f.severity === 'error')).toEqual([]);
  return r.manifests;
}

const scenario = fc.record({
  nodes: fc.array(nodeSpec, { minLength: 1, maxLength: 5 }),
  workloads: fc.array(workloadSpec, { minLength: 1, maxLength: 5 }),
});

describe('the planner on generated clusters and workloads', () => {
  it('respects allocatable, places every pod or says why, and keeps hard constraints', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(scenario, ({ nodes, workloads }) => {
        const cluster = manifestsOf(clusterYaml(nodes), 'cluster.yaml');
        const manifests = manifestsOf([PRIORITY_CLASS, ...workloads.map(workloadYaml)].join('\n---\n'), 'app.yaml');
        const result = plan(manifests, { cluster: { manifests: cluster, source: 'cluster.yaml' } });

        expect(result.summary.pods).toBe(result.pods.length);
        // notCreated: StatefulSet OrderedReady ordinals held back behind a Pending one (never placed, never unschedulable).
        const notCreated = result.pods.filter((p) => p.notCreated).length;
        expect(result.summary.notCreated ?? 0).toBe(notCreated);
        expect(result.summary.scheduled + result.summary.unschedulable + notCreated).toBe(result.summary.pods);
        const used = nodes.map(() => ({
          cpu: 0,
          memory: 0,
          pods: 0,
          ports: new Set<number>(),
          apps: new Set<string>(),
        }));
        for (const pod of result.pods) {
          if (pod.node === null) {
            expect(typeof pod.reason === 'string' && pod.reason.length > 0, `${pod.name} has a reason`).toBe(true);
            continue;
          }
          const index = Number(/^node-(\d+)$/.exec(pod.node)?.[1]);
          const node = nodes[index]!;
          const w = workloads[Number(pod.workload.name.slice(1))]!;
          expect(pod.workload.kind).toBe(w.kind);
          const u = used[index]!;
          u.cpu += w.cpu * w.containers;
          u.memory += w.memory * w.containers;
          u.pods += 1;
          // hard constraints of the placement
          expect(node.cordoned && w.kind !== 'DaemonSet', `${pod.name} on cordoned ${pod.node}`).toBe(false);
          if (node.tainted) expect(w.tolerates, `${pod.name} tolerates ${pod.node}'s taint`).toBe(true);
          if (w.zone) expect(node.zone).toBe(w.zone);
          if (w.hostPort !== null) {
            expect(u.ports.has(w.hostPort), `host port ${w.hostPort} twice on ${pod.node}`).toBe(false);
            u.ports.add(w.hostPort);
          }
          if (w.antiAffinity) {
            expect(
              u.apps.has(pod.workload.name),
              `two ${pod.workload.name} pods on ${pod.node} despite anti-affinity`,
            ).toBe(false);
          }
          u.apps.add(pod.workload.name);
        }
        used.forEach((u, i) => {
          const n = nodes[i]!;
          expect(u.cpu, `node-${i} cpu`).toBeLessThanOrEqual(n.cpu);
          expect(u.memory, `node-${i} memory`).toBeLessThanOrEqual(n.memory);
          expect(u.pods, `node-${i} pods`).toBeLessThanOrEqual(n.pods);
        });
        // the report agrees with the pod list
        for (const n of result.cluster.nodes) {
          expect([...n.pods].sort()).toEqual(
            result.pods
              .filter((p) => p.node === n.name)
              .map((p) => p.name)
              .sort(),
          );
        }
      }),
      { numRuns: 100 },
    );
  });

  it('is the same plan on a second run and with the manifests in any order', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(scenario, fc.integer(), ({ nodes, workloads }, shuffleSeed) => {
        const cluster = manifestsOf(clusterYaml(nodes), 'cluster.yaml');
        const manifests = manifestsOf([PRIORITY_CLASS, ...workloads.map(workloadYaml)].join('\n---\n'), 'app.yaml');
        const options = { cluster: { manifests: cluster, source: 'cluster.yaml' } };
        const once = JSON.stringify(planToJson(plan(manifests, options)));
        expect(JSON.stringify(planToJson(plan(manifests, options)))).toBe(once);
        const shuffled = [...manifests].sort(
          (a, b) => ((a.docIndex * 7919 + shuffleSeed) % 101) - ((b.docIndex * 7919 + shuffleSeed) % 101),
        );
        const reversedCluster = { cluster: { manifests: [...cluster].reverse(), source: 'cluster.yaml' } };
        expect(JSON.stringify(planToJson(plan(shuffled, reversedCluster)))).toBe(once);
      }),
      { numRuns: 60 },
    );
  });

  it('never throws on mutated real manifests, and still places or explains every pod', { timeout: 60_000 }, () => {
    const all = seeds();
    fc.assert(
      fc.property(mutant(all), (m) => {
        const result = plan(loadText(m.text, 'm.yaml').manifests);
        for (const pod of result.pods)
          expect(pod.node !== null || (typeof pod.reason === 'string' && pod.reason.length > 0)).toBe(true);
        for (const f of result.findings) expect(f.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  });
});
