import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/index.js';
import { plan, planToJson, renderPlanText } from '../../src/plan/index.js';

const base: Record<string, unknown> = {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'nginx',
            ports: [{ name: 'http', containerPort: 80, hostPort: 80 }],
            resources: { requests: { cpu: '100m' }, limits: { memory: '1Gi' } },
          },
        ],
        tolerations: [{ key: 'k', operator: 'Exists' }],
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              {
                weight: 10,
                podAffinityTerm: {
                  labelSelector: { matchLabels: { app: 'web' } },
                  topologyKey: 'kubernetes.io/hostname',
                },
              },
            ],
          },
        },
        topologySpreadConstraints: [
          {
            maxSkew: 1,
            topologyKey: 'topology.kubernetes.io/zone',
            whenUnsatisfiable: 'ScheduleAnyway',
            labelSelector: { matchLabels: { app: 'web' } },
          },
        ],
      },
    },
    volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { resources: { requests: { storage: '1Gi' } } } }],
    schedule: '*/5 * * * *',
    jobTemplate: {},
    rules: [
      { host: 'a', http: { paths: [{ path: '/', backend: { service: { name: 'web', port: { number: 80 } } } }] } },
    ],
  },
};

const PATHS: string[][] = [
  ['metadata'],
  ['metadata', 'name'],
  ['spec'],
  ['spec', 'replicas'],
  ['spec', 'selector'],
  ['spec', 'selector', 'matchLabels'],
  ['spec', 'template'],
  ['spec', 'template', 'metadata', 'labels'],
  ['spec', 'template', 'spec'],
  ['spec', 'template', 'spec', 'containers'],
  ['spec', 'template', 'spec', 'containers', '0'],
  ['spec', 'template', 'spec', 'containers', '0', 'resources'],
  ['spec', 'template', 'spec', 'containers', '0', 'resources', 'requests', 'cpu'],
  ['spec', 'template', 'spec', 'containers', '0', 'ports'],
  ['spec', 'template', 'spec', 'tolerations'],
  ['spec', 'template', 'spec', 'affinity'],
  ['spec', 'template', 'spec', 'affinity', 'podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', '0'],
  ['spec', 'template', 'spec', 'topologySpreadConstraints', '0'],
  ['spec', 'template', 'spec', 'nodeSelector'],
  ['spec', 'template', 'spec', 'initContainers'],
  ['spec', 'template', 'spec', 'overhead'],
  ['spec', 'volumeClaimTemplates'],
  ['spec', 'ordinals'],
  ['spec', 'schedule'],
  ['spec', 'timeZone'],
  ['spec', 'rules'],
  ['spec', 'selector'],
  ['spec', 'ports'],
  ['spec', 'parallelism'],
  ['spec', 'completions'],
  ['status'],
];

const KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Job',
  'CronJob',
  'Pod',
  'Service',
  'Ingress',
  'PriorityClass',
  'Namespace',
];

function setPath(target: Record<string, unknown>, path: string[], value: unknown): void {
  let cur: Record<string, unknown> | unknown[] = target;
  const last = path[path.length - 1];
  if (last === undefined) return;
  for (const key of path.slice(0, -1)) {
    const next = (cur as Record<string, unknown>)[key];
    if (typeof next !== 'object' || next === null) return;
    cur = next as Record<string, unknown>;
  }
  (cur as Record<string, unknown>)[last] = value;
}

const jsonValue = fc.jsonValue({ maxDepth: 3 });

describe('hostile inputs', () => {
  it('never throws, whatever a field holds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...KINDS),
        fc.array(fc.tuple(fc.constantFrom(...PATHS), jsonValue), { minLength: 1, maxLength: 4 }),
        (kind, edits) => {
          const obj = structuredClone(base);
          obj.kind = kind;
          if (kind === 'Pod')
            Object.assign(obj, { spec: (base.spec as { template: { spec: unknown } }).template.spec });
          for (const [path, value] of edits) setPath(obj, path, value);
          const { manifests } = loadText(JSON.stringify(obj), 'fuzz.yaml');
          const r = plan(manifests, { explain: 'web' });
          renderPlanText(r);
          JSON.stringify(planToJson(r));
          for (const f of r.findings) expect(f.line).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('hostile cluster files become findings, never exceptions', () => {
    const node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n', labels: { 'kubernetes.io/hostname': 'n' } },
      spec: { taints: [{ key: 'a', effect: 'NoSchedule' }] },
      status: { allocatable: { cpu: '1', memory: '1Gi', pods: '5' }, images: [{ names: ['x:1'], sizeBytes: 1000 }] },
    };
    const paths = [
      ['metadata'],
      ['metadata', 'name'],
      ['metadata', 'labels'],
      ['spec'],
      ['spec', 'taints'],
      ['spec', 'unschedulable'],
      ['status'],
      ['status', 'allocatable'],
      ['status', 'allocatable', 'cpu'],
      ['status', 'images'],
    ];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...paths), jsonValue), { maxLength: 3 }), (edits) => {
        const n = structuredClone(node) as Record<string, unknown>;
        for (const [path, value] of edits) setPath(n, path, value);
        const cluster = loadText(
          JSON.stringify({
            apiVersion: 'v1',
            kind: 'List',
            items: [
              n,
              {
                apiVersion: 'v1',
                kind: 'Pod',
                metadata: { name: 'p' },
                spec: { nodeName: 'n', containers: [{ name: 'c', image: 'x:1' }] },
              },
            ],
          }),
          'c.yaml',
        );
        const work = loadText(JSON.stringify({ ...base, spec: { ...(base.spec as object), replicas: 1 } }), 'w.yaml');
        const r = plan(work.manifests, { cluster: { manifests: cluster.manifests, source: 'c.yaml' } });
        renderPlanText(r);
        // the one replica is still planned: placed on a node, or pending with the scheduler's reason
        expect(r.summary.pods).toBe(1);
        expect(r.summary.scheduled + r.summary.unschedulable).toBe(1);
        expect(r.pods).toHaveLength(1);
        expect(
          r.pods[0]!.node !== null || (typeof r.pods[0]!.reason === 'string' && r.pods[0]!.reason.length > 0),
        ).toBe(true);
        for (const f of r.findings) expect(f.line).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });

  it('empty and odd inputs', () => {
    expect(plan([]).summary).toEqual({ pods: 0, scheduled: 0, unschedulable: 0 });
    const odd = loadText(
      'apiVersion: v1\nkind: Pod\n---\nkind: Deployment\nmetadata: {name: x}\nspec: null\n---\nkind: Service\nmetadata: {name: s}\nspec: {selector: {a: 1}, ports: [{port: 0}]}\n',
      'odd.yaml',
    );
    const r = plan(odd.manifests, { now: 'not a time' });
    expect(r.findings.map((f) => f.ruleId)).toContain('plan/skipped');
    expect(r.settings.now).toBe('2025-01-01T00:00:00Z');
  });
});
