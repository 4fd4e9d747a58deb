import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containersOf } from '../../src/rules/containers.js';
import { closestTemplate, describeUnmatched } from '../../src/rules/matching.js';
import { ObjectIndex } from '../../src/rules/object-index.js';
import { describeSelector, matches, parseLabelSelector } from '../../src/k8s/label-selector.js';
import { distance } from '../../src/rules/suggest.js';
import { controllerSelectorOf, podTemplateOf, WORKLOAD_KINDS } from '../../src/rules/workloads.js';
import { loadAll, yaml } from './helpers.js';

const podSpec =
  '{initContainers: [{name: init}], containers: [{name: app}, {name: side}], ephemeralContainers: [{name: debug}]}';
const objects = yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: p, labels: {app: p}}
  spec: ${podSpec}
  ---
  apiVersion: apps/v1
  kind: Deployment
  metadata: {name: d}
  spec: {selector: {matchLabels: {app: d}}, template: {metadata: {labels: {app: d}}, spec: ${podSpec}}}
  ---
  apiVersion: apps/v1
  kind: ReplicaSet
  metadata: {name: rs}
  spec: {template: {metadata: {labels: {app: rs}}, spec: ${podSpec}}}
  ---
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: ss}
  spec: {template: {metadata: {labels: {app: ss}}, spec: ${podSpec}}}
  ---
  apiVersion: apps/v1
  kind: DaemonSet
  metadata: {name: ds}
  spec: {template: {metadata: {labels: {app: ds}}, spec: ${podSpec}}}
  ---
  apiVersion: batch/v1
  kind: Job
  metadata: {name: j}
  spec: {template: {metadata: {labels: {app: j}}, spec: ${podSpec}}}
  ---
  apiVersion: batch/v1
  kind: CronJob
  metadata: {name: cj}
  spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: cj}}, spec: ${podSpec}}}}}
  ---
  apiVersion: v1
  kind: ReplicationController
  metadata: {name: rc}
  spec: {template: {metadata: {labels: {app: rc}}, spec: ${podSpec}}}
  ---
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: not-a-workload}
  ---
  apiVersion: example.com/v1
  kind: Deployment
  metadata: {name: custom}
  spec: {template: {spec: ${podSpec}}}
`;

describe('podTemplateOf', () => {
  const manifests = loadAll({ 'w.yaml': objects });

  it('finds the pod spec and labels of every workload kind', () => {
    const found = manifests.map((m) => {
      const t = podTemplateOf(m);
      return t && [t.kind, t.specPath.join('.'), t.labels.app];
    });
    expect(found).toEqual([
      ['Pod', 'spec', 'p'],
      ['Deployment', 'spec.template.spec', 'd'],
      ['ReplicaSet', 'spec.template.spec', 'rs'],
      ['StatefulSet', 'spec.template.spec', 'ss'],
      ['DaemonSet', 'spec.template.spec', 'ds'],
      ['Job', 'spec.template.spec', 'j'],
      ['CronJob', 'spec.jobTemplate.spec.template.spec', 'cj'],
      ['ReplicationController', 'spec.template.spec', 'rc'],
      undefined,
      undefined,
    ]);
    expect(new Set(found.filter(Boolean).map((f) => f![0]))).toEqual(new Set(WORKLOAD_KINDS));
  });

  it('lists init, app and ephemeral containers with paths that locate them', () => {
    const cronJob = manifests[6]!;
    const containers = containersOf(podTemplateOf(cronJob)!);
    expect(containers.map((c) => c.label)).toEqual([
      'init container "init"',
      'container "app"',
      'container "side"',
      'ephemeral container "debug"',
    ]);
    expect(containers[1]!.path).toEqual(['spec', 'jobTemplate', 'spec', 'template', 'spec', 'containers', 0]);
    const at = cronJob.locate([...containers[2]!.path, 'name']);
    expect(objects.split('\n')[at.line - 1]!.slice(at.column - 1, at.endColumn - 1)).toBe('side');
  });

  it('gives the selectors controllers own pods with (none for Pods, CronJobs and generated Job selectors)', () => {
    expect(manifests.map((m) => controllerSelectorOf(m)?.selector.type)).toEqual([
      undefined,
      'requirements',
      'nothing',
      'nothing',
      'nothing',
      undefined,
      undefined,
      'requirements', // an RC without a selector selects its template labels
      undefined,
      undefined,
    ]);
  });
});

describe('ObjectIndex.selectTemplates', () => {
  const key = fc.constantFrom('app', 'tier');
  const value = fc.constantFrom('a', 'b', 'c', 'abc');
  const labels = fc.dictionary(key, value);
  const expression = fc.oneof(
    fc.record({
      key,
      operator: fc.constantFrom('In', 'NotIn'),
      values: fc.array(value, { minLength: 1, maxLength: 2 }),
    }),
    fc.record({ key, operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  );
  const selector = fc.record(
    { matchLabels: fc.dictionary(key, value), matchExpressions: fc.array(expression, { maxLength: 2 }) },
    { requiredKeys: [] },
  );
  const indexOfPods = (podLabels: Record<string, string>[]) => {
    const text =
      podLabels
        .map((l, i) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p${i}, labels: ${JSON.stringify(l)}}\n`)
        .join('---\n') || 'apiVersion: v1\nkind: ConfigMap\n';
    return new ObjectIndex(loadAll({ 'p.yaml': text }), 'default');
  };

  it('agrees with checking every template', () => {
    fc.assert(
      fc.property(fc.array(labels, { maxLength: 8 }), selector, (podLabels, raw) => {
        const index = indexOfPods(podLabels);
        const parsed = parseLabelSelector(raw);
        const brute = index.podTemplates('default').filter((t) => matches(parsed, t.labels));
        expect(index.selectTemplates('default', parsed)).toEqual(brute);
      }),
      { numRuns: 200, seed: 7 },
    );
  });

  it('names the same closest template as comparing every template (describeUnmatched)', () => {
    fc.assert(
      fc.property(fc.array(labels, { maxLength: 8 }), selector, (podLabels, raw) => {
        const index = indexOfPods(podLabels);
        const parsed = parseLabelSelector(raw);
        const all = index.podTemplates('default');
        const closest = closestTemplate(all, parsed);
        const brute = all.some((t) => matches(parsed, t.labels))
          ? undefined
          : `${describeSelector(parsed)} matches no pods${
              closest
                ? `; closest: Pod ${closest.manifest.ref.name} has {${Object.entries(closest.labels)
                    .map(([k, v]) => `${k}: ${v}`)
                    .join(', ')}}`
                : ''
            }`;
        expect(describeUnmatched(index, 'default', parsed)).toBe(brute);
      }),
      { numRuns: 300, seed: 11 },
    );
  });
});

describe('distance', () => {
  it('with a limit, is exact up to the limit and limit + 1 beyond it', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '-'), maxLength: 8 });
    fc.assert(
      fc.property(word, word, fc.nat({ max: 9 }), (a, b, limit) => {
        const exact = distance(a, b);
        expect(distance(a, b, limit)).toBe(exact <= limit ? exact : limit + 1);
      }),
      { numRuns: 500, seed: 3 },
    );
  });
});
