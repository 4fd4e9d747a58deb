/** planChanges end to end: pairing, normalised diffs, findings, determinism and hostile objects. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { Manifest } from '../../src/core/types.js';
import { loadText } from '../../src/load/index.js';
import { planChanges, renderChangesText, slotCluster } from '../../src/rollout/index.js';
import { deployment, statefulSet } from './helpers.js';

const load = (file: string, ...objects: unknown[]): Manifest[] =>
  loadText(objects.map((o) => stringify(o)).join('---\n'), file).manifests;
const plan = (oldObjs: unknown[], newObjs: unknown[], options = {}) =>
  planChanges(load('old.yaml', ...oldObjs), load('new.yaml', ...newObjs), options);

describe('changes', () => {
  it('ignores key order, comments and status', () => {
    const a = loadText(
      '# v1\nkind: ConfigMap\napiVersion: v1\nmetadata: {name: c}\ndata: {b: "2", a: "1"}\n',
      'old.yaml',
    ).manifests;
    const b = loadText(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c  # same\ndata:\n  a: "1"\n  b: "2"\nstatus: {x: 1}\n',
      'new.yaml',
    ).manifests;
    expect(planChanges(a, b)).toEqual({ kubeVersion: '1.36', changes: [], rollouts: [], findings: [] });
  });

  it('lists added, removed and changed objects in a stable order with unified diffs', () => {
    const cm = (name: string, v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { v } });
    const r = plan([cm('b', '1'), cm('gone', '1')], [cm('new', '1'), cm('b', '2')]);
    expect(r.changes.map((c) => [c.change, c.name, c.namespace])).toEqual([
      ['changed', 'b', 'default'],
      ['removed', 'gone', 'default'],
      ['added', 'new', 'default'],
    ]);
    expect(r.changes[0]!.diff).toBe(
      '--- old.yaml\n+++ new.yaml\n@@ -2,5 +2,5 @@\n kind: ConfigMap\n metadata:\n   name: b\n data:\n-  v: "1"\n+  v: "2"\n',
    );
    expect(r.changes[1]!.diff.split('\n').slice(0, 3)).toEqual(['--- old.yaml', '+++ /dev/null', '@@ -1,6 +0,0 @@']);
    expect(r.changes[2]!.diff.split('\n').slice(0, 3)).toEqual(['--- /dev/null', '+++ new.yaml', '@@ -0,0 +1,6 @@']);
  });

  it('matches objects across the default namespace and an apiVersion move', () => {
    const old = { ...deployment(2, 'api:1'), apiVersion: 'extensions/v1beta1', metadata: { name: 'api' } };
    const next = { ...deployment(2, 'api:2'), metadata: { name: 'api', namespace: 'default' } };
    const r = plan([old], [next]);
    expect(r.changes.map((c) => c.change)).toEqual(['changed']);
    expect(r.rollouts.map((x) => `${x.namespace}/${x.name}`)).toEqual(['default/api']);
  });

  it('leaves cluster-scoped objects without a namespace', () => {
    const r = plan([], [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'prod' } }]);
    expect(r.changes[0]).not.toHaveProperty('namespace');
  });

  it('reports duplicates and objects without identity', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } };
    const r = plan(
      [],
      [cm, { ...cm, data: { a: '1' } }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'x-' } }],
    );
    expect(r.findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['rollout/duplicate-object', 'warning', 9], // the second `name:` key
      ['rollout/unidentified-object', 'info', 15], // no name: its `metadata:` key
    ]);
    expect(r.changes).toHaveLength(1);
    expect(r.changes[0]!.diff).toContain('+  a: "1"'); // the last one wins
  });
});

describe('rollouts', () => {
  it('plans only workloads whose pod template or replicas changed', () => {
    const labelOnly = {
      ...deployment(3, 'api:1'),
      metadata: { name: 'api', namespace: 'prod', labels: { team: 'x' } },
    };
    const r = plan([deployment(3, 'api:1'), statefulSet(2, 'kv:1')], [labelOnly, statefulSet(3, 'kv:1')]);
    expect(r.changes).toHaveLength(2);
    expect(r.rollouts.map((x) => [x.kind, x.cause])).toEqual([['StatefulSet', 'replicas']]);
  });

  it('reports a stalled rollout as an error at spec.template', () => {
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    const r = plan([deployment(3, 'api:1', strategy)], [deployment(3, 'api:2', strategy)], { cluster: slotCluster(3) });
    expect(r.rollouts[0]!.stalled).toMatch(/Pending: 0\/1 nodes are available/);
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0]!;
    expect([f.ruleId, f.severity, f.file, f.line, f.column]).toEqual(['rollout/stalled', 'error', 'new.yaml', 16, 3]);
    expect(f.message).toMatch(/^the rollout of Deployment prod\/api stalls: pod api-\w+-\w{5} is Pending: /);
    expect(f.object).toMatchObject({ kind: 'Deployment', name: 'api' });
  });

  it('renders steps, waves, peak and minimum availability', () => {
    const text = renderChangesText(plan([deployment(4, 'api:1')], [deployment(4, 'api:2')]));
    expect(text).toMatch(
      /Rollout of Deployment prod\/api \(RollingUpdate, replicas 4 → 4, maxSurge 1, maxUnavailable 1\):/,
    );
    expect(text).toMatch(/ 1\. Scaled up replica set api-\w+ to 1 +old 4  new 1  available 4\n/);
    expect(text.match(/\(new pods Ready\)/g)).toHaveLength(2);
    expect(text).toContain('Peak 5 pods, minimum 3 available.');
    expect(renderChangesText({ changes: [], rollouts: [] })).toBe('No changes.\n');
  });

  it('matches the example in docs/rollouts.md', () => {
    const readme = readFileSync(new URL('../../docs/rollouts.md', import.meta.url), 'utf8');
    const example = readme.slice(readme.indexOf('Rollout of Deployment'), readme.indexOf('Peak 5 pods'));
    const text = renderChangesText(plan([deployment(4, 'api:1')], [deployment(4, 'api:2')]), { diffs: false });
    expect(text).toContain(example);
  });

  it('escapes control characters from manifests in text output', () => {
    const cm = (v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c\u001b[31m' }, data: { v } });
    const text = renderChangesText(plan([cm('1')], [cm('2')]));
    expect(text).not.toContain('\u001b');
    // the name is still shown, with the escape character spelled out
    expect(text).toContain('c\\u001b[31m');
  });

  it('is deterministic: same input, same output, whatever the input order', () => {
    const olds = [
      deployment(4, 'api:1'),
      statefulSet(3, 'kv:1'),
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
    ];
    const news = [
      deployment(6, 'api:2'),
      statefulSet(3, 'kv:2'),
      { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } },
    ];
    const a = JSON.stringify(plan(olds, news));
    expect(JSON.stringify(plan(olds, news))).toBe(a);
    const b = planChanges(load('old.yaml', ...[...olds].reverse()), load('new.yaml', ...[...news].reverse()));
    expect(JSON.stringify({ ...b, findings: [] })).toBe(JSON.stringify({ ...JSON.parse(a), findings: [] }));
  });
});

describe('hostile objects', () => {
  const broken: [string, (o: Record<string, any>) => void, string][] = [
    ['spec null', (o) => (o.spec = null), 'spec.template must be a mapping'],
    ['spec a string', (o) => (o.spec = 'x'), 'spec must be a mapping'],
    ['replicas a string', (o) => (o.spec.replicas = '3'), 'spec.replicas must be an integer, got "3"'],
    ['replicas negative', (o) => (o.spec.replicas = -1), 'spec.replicas must not be negative'],
    ['replicas huge', (o) => (o.spec.replicas = 1e9), 'rollouts over 2000 replicas are not simulated'],
    ['replicas fractional', (o) => (o.spec.replicas = 1.5), 'spec.replicas must be an integer'],
    [
      'unknown strategy',
      (o) => (o.spec.strategy = { type: 'BlueGreen' }),
      'spec.strategy.type must be one of RollingUpdate, Recreate',
    ],
    [
      'maxSurge without %',
      (o) => (o.spec.strategy = { rollingUpdate: { maxSurge: '5' } }),
      'spec.strategy.rollingUpdate.maxSurge must be an integer or a percentage',
    ],
    [
      'maxUnavailable a list',
      (o) => (o.spec.strategy = { rollingUpdate: { maxUnavailable: [1] } }),
      'must be an integer or a percentage',
    ],
    [
      'rollingUpdate a number',
      (o) => (o.spec.strategy = { rollingUpdate: 3 }),
      'spec.strategy.rollingUpdate must be a mapping',
    ],
    ['template a list', (o) => (o.spec.template = []), 'spec.template must be a mapping'],
    ['paused a string', (o) => (o.spec.paused = 'yes please'), 'spec.paused must be true or false'],
    ['name a number', (o) => (o.metadata.name = 7), 'metadata.name must be a non-empty string'],
  ];
  for (const [label, mutate, message] of broken) {
    it(`skips a Deployment with ${label}, with a finding`, () => {
      const bad = structuredClone(deployment(3, 'api:2')) as Record<string, any>;
      mutate(bad);
      const r = plan([deployment(3, 'api:1')], [bad]);
      expect(r.rollouts).toEqual([]);
      const skipped = r.findings.filter((f) => f.ruleId === 'rollout/skipped');
      if (label === 'name a number') {
        // no name: the object cannot even be paired, so it is reported as unidentified rather than skipped
        expect(skipped).toEqual([]);
        expect(r.findings.filter((f) => f.ruleId === 'rollout/unidentified-object').map((f) => f.message)).toEqual([
          'object has no metadata.name; it is left out of the change plan',
        ]);
        return;
      }
      expect(skipped).toHaveLength(1);
      expect(skipped[0]!.message).toContain(message);
      expect(skipped[0]!.line).toBeGreaterThan(0);
    });
  }

  it('never throws on arbitrary values in the fields a rollout reads', () => {
    const value = fc.oneof(
      fc.anything(),
      fc.constantFrom(null, -1, 0, 2, 1e9, '25%', '-5%', '0%', '100%', 'x', {}, []),
    );
    fc.assert(
      fc.property(
        fc.record({
          replicas: value,
          strategy: value,
          rollingUpdate: value,
          maxSurge: value,
          partition: value,
          policy: value,
          template: value,
          spec: value,
        }),
        (v) => {
          const d = structuredClone(deployment(2, 'api:2')) as Record<string, any>;
          d.spec.replicas = v.replicas;
          d.spec.strategy = {
            type: v.strategy,
            rollingUpdate: v.rollingUpdate === null ? { maxSurge: v.maxSurge } : v.rollingUpdate,
          };
          const s = structuredClone(statefulSet(2, 'kv:2')) as Record<string, any>;
          s.spec.updateStrategy = { rollingUpdate: { partition: v.partition, maxUnavailable: v.maxSurge } };
          s.spec.podManagementPolicy = v.policy;
          const odd = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'odd' }, spec: v.spec };
          const oddOld = { ...odd, spec: { template: v.template } };
          const r = plan([deployment(2, 'api:1'), statefulSet(2, 'kv:1'), oddOld], [d, s, odd]);
          for (const x of r.rollouts) expect(x.stalled).toBeNull();
        },
      ),
      { numRuns: 60, seed: 42 },
    );
  });
});

describe('bounded work', () => {
  it('simulates the largest allowed workload to the end (its time is in npm run bench)', () => {
    const s = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    const r = plan([deployment(2000, 'api:1', s)], [deployment(2000, 'api:2', s)]);
    expect(r.rollouts[0]!.events).toHaveLength(4000); // new→k, old→2000−k for k = 1…2000, one wave each
  });

  it('stops simulating past the plan-wide pod budget, with a finding', () => {
    const named = (i: number, replicas: number) => ({
      ...deployment(replicas, 'api:1'),
      metadata: { name: `d${String(i).padStart(2, '0')}` },
    });
    const olds = Array.from({ length: 11 }, (_, i) => named(i, 1000));
    const news = Array.from({ length: 11 }, (_, i) => named(i, 2000));
    const r = plan(olds, news);
    expect(r.rollouts).toHaveLength(10); // 10 × 2000 = 20 000 pods
    expect(r.findings.map((f) => [f.ruleId, f.object?.name])).toEqual([['rollout/skipped', 'd10']]);
    expect(r.findings[0]!.message).toContain('limit 20000');
  });

  it('gives the budget to reported rollouts before bystanders', () => {
    const named = (name: string, replicas: number, image: string) => ({
      ...deployment(replicas, image),
      metadata: { name },
    });
    const bystanders = Array.from({ length: 10 }, (_, i) => named(`a${i}`, 2000, 'bg:1'));
    const r = plan([...bystanders, named('zz', 10, 'api:1')], [...bystanders, named('zz', 10, 'api:2')], {
      cluster: slotCluster(1e9),
    });
    expect(r.rollouts.map((x) => x.name)).toEqual(['zz']);
    expect(r.findings).toEqual([]);
  });
});
