import { describe, expect, it } from 'vitest';
import rule from '../../rules/overlapping-selectors.js';
import { runRule, yaml } from './helpers.js';

const workload = (kind: string, name: string, selector: string, labels: string, extra = '') => yaml`
  apiVersion: ${kind === 'Pod' ? 'v1' : kind === 'Job' ? 'batch/v1' : 'apps/v1'}
  kind: ${kind}
  metadata: {name: ${name}${extra}}
  spec:
    selector: ${selector}
    template:
      metadata: {labels: ${labels}}
`;

describe('overlapping-selectors', () => {
  it('accepts workloads with distinct labels, and the same labels in other namespaces', () => {
    const text = [
      workload('Deployment', 'web', '{matchLabels: {app: web}}', '{app: web}'),
      workload('Deployment', 'api', '{matchLabels: {app: api}}', '{app: api}'),
      workload('Deployment', 'web2', '{matchLabels: {app: web}}', '{app: web}', ', namespace: other'),
    ].join('---\n');
    expect(runRule(rule, text)).toEqual([]);
  });

  it('accepts a ReplicaSet owned by the Deployment (a kubectl dump) and Job pods', () => {
    const text = [
      workload('Deployment', 'web', '{matchLabels: {app: web}}', '{app: web}'),
      workload(
        'ReplicaSet',
        'web-5d4f',
        '{matchLabels: {app: web, pod-template-hash: 5d4f}}',
        '{app: web, pod-template-hash: 5d4f}',
        ', ownerReferences: [{kind: Deployment, name: web}]',
      ),
      workload('Job', 'web-migrate', 'null', '{app: web}'),
    ].join('---\n');
    expect(runRule(rule, text)).toEqual([]);
  });

  it('reports a selector that also matches another workload, at the selector', () => {
    const text = [
      workload('Deployment', 'web', '{matchLabels: {app: shop}}', '{app: shop, component: web}'),
      workload('StatefulSet', 'cache', '{matchLabels: {app: shop, component: cache}}', '{app: shop, component: cache}'),
    ].join('---\n');
    expect(runRule(rule, text)).toEqual([
      {
        ruleId: 'overlapping-selectors',
        line: 5,
        column: 13,
        message: 'Deployment web: selector also matches the pods of StatefulSet cache',
      },
    ]);
  });

  it('reports both sides when the selectors are the same, and bare Pods too', () => {
    const text = [
      workload('Deployment', 'a', '{matchLabels: {app: x}}', '{app: x}'),
      workload('Deployment', 'b', '{matchExpressions: [{key: app, operator: In, values: [x, y]}]}', '{app: x}'),
      yaml`
        apiVersion: v1
        kind: Pod
        metadata: {name: debug, labels: {app: x}}
      `,
    ].join('---\n');
    expect(runRule(rule, text).map((f) => [f.line, f.message])).toEqual([
      [5, 'Deployment a: selector also matches the pods of Deployment b, Pod debug'],
      [13, 'Deployment b: selector also matches the pods of Deployment a, Pod debug'],
    ]);
  });
});

describe('overlapping-selectors with duplicate definitions', () => {
  it('does not compare an object with another definition of itself (duplicate-object reports that)', () => {
    const web = workload('Deployment', 'web', '{matchLabels: {app: web}}', '{app: web}');
    expect(runRule(rule, [web, web].join('---\n'))).toEqual([]);
  });
});
