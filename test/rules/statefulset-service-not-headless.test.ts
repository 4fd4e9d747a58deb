import { describe, expect, it } from 'vitest';
import rule from '../../rules/statefulset-service-not-headless.js';
import { runRule, yaml } from './helpers.js';

const statefulSet = (serviceName: string) => yaml`
  apiVersion: apps/v1
  kind: StatefulSet
  metadata: {name: db}
  spec:
    ${serviceName}
    selector: {matchLabels: {app: db}}
`;

const service = (clusterIP: string) => yaml`
  apiVersion: v1
  kind: Service
  metadata: {name: db}
  spec: {clusterIP: ${clusterIP}, selector: {app: db}}
`;

describe('statefulset-service-not-headless', () => {
  it('accepts a headless governing Service', () => {
    expect(runRule(rule, `${statefulSet('serviceName: db')}---\n${service('None')}`)).toEqual([]);
  });

  it('ignores a Service of another API group with the same name', () => {
    const knative = service('None').replace('apiVersion: v1', 'apiVersion: serving.knative.dev/v1');
    expect(runRule(rule, `${statefulSet('serviceName: db')}---\n${service('None')}---\n${knative}`)).toEqual([]);
  });

  it('reports a Service that is not headless (error)', () => {
    expect(runRule(rule, `${statefulSet('serviceName: db')}---\n${service('10.0.0.7')}`)).toEqual([
      {
        ruleId: 'statefulset-service-not-headless',
        line: 5,
        column: 16,
        message:
          'StatefulSet db: governing Service "db" is not headless (set clusterIP: None), so pod DNS names will not resolve',
      },
    ]);
  });

  it('warns when the Service is not in the inputs, or serviceName is missing', () => {
    const text = `${statefulSet('serviceName: db')}---\n${statefulSet('')}`;
    const findings = runRule(rule, text);
    expect(findings).toEqual([
      {
        ruleId: 'statefulset-service-not-headless',
        line: 5,
        column: 16,
        message: 'StatefulSet db: governing Service "db" not found in namespace "default"',
      },
      {
        ruleId: 'statefulset-service-not-headless',
        line: 11,
        column: 1,
        message: 'StatefulSet db: no spec.serviceName, so its pods get no stable DNS names',
      },
    ]);
  });
});
