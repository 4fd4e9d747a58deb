import { describe, expect, it } from 'vitest';
import rule from '../../rules/workload-selector-mismatch.js';
import { runRule, yaml } from './helpers.js';

const deployment = (selector: string, labels = '{app: web, tier: frontend}', apiVersion = 'apps/v1') => yaml`
  apiVersion: ${apiVersion}
  kind: Deployment
  metadata:
    name: web
  spec:
    selector: ${selector}
    template:
      metadata:
        labels: ${labels}
      spec:
        containers: [{name: app, image: nginx:1.27}]
`;

describe('workload-selector-mismatch', () => {
  describe('valid', () => {
    it.each([
      ['matchLabels subset of the template labels', '{matchLabels: {app: web}}'],
      ['matchExpressions In', '{matchExpressions: [{key: tier, operator: In, values: [frontend, edge]}]}'],
      ['NotIn on a missing label', '{matchExpressions: [{key: canary, operator: NotIn, values: ["true"]}]}'],
      ['DoesNotExist', '{matchLabels: {app: web}, matchExpressions: [{key: canary, operator: DoesNotExist}]}'],
    ])('%s', (_, selector) => {
      expect(runRule(rule, deployment(selector))).toEqual([]);
    });

    it('ignores Jobs without manualSelector (their selector is generated) and kinds from other API groups', () => {
      const job = yaml`
        apiVersion: batch/v1
        kind: Job
        metadata: {name: migrate}
        spec:
          selector: {matchLabels: {app: other}}
          template: {metadata: {labels: {app: migrate}}, spec: {restartPolicy: Never, containers: [{name: m, image: m:1}]}}
      `;
      const rollout = yaml`
        apiVersion: example.com/v1
        kind: Deployment
        metadata: {name: custom}
        spec:
          selector: {matchLabels: {app: x}}
          template: {metadata: {labels: {app: y}}}
      `;
      expect(runRule(rule, job)).toEqual([]);
      expect(runRule(rule, rollout)).toEqual([]);
    });

    it('leaves a missing selector to schema validation, and accepts a legacy defaulted one', () => {
      expect(runRule(rule, deployment('null'))).toEqual([]);
      expect(runRule(rule, deployment('null', '{app: web}', 'extensions/v1beta1'))).toEqual([]);
    });
  });

  describe('invalid', () => {
    it('points at the first label the template lacks', () => {
      expect(runRule(rule, deployment('{matchLabels: {app: web, tier: front}}'))).toEqual([
        {
          ruleId: 'workload-selector-mismatch',
          line: 6,
          column: 44,
          message:
            'Deployment web: selector {app: web, tier: front} does not match template labels {app: web, tier: frontend} (unmatched: tier: front)',
        },
      ]);
    });

    it('reports an expression that fails', () => {
      const [finding] = runRule(
        rule,
        deployment('{matchExpressions: [{key: tier, operator: NotIn, values: [frontend]}]}'),
      );
      expect(finding).toMatchObject({
        line: 6,
        column: 33,
        message: expect.stringContaining('(unmatched: tier notin (frontend))'),
      });
    });

    it('reports an empty selector, which the API server rejects', () => {
      expect(runRule(rule, deployment('{}'))).toEqual([
        {
          ruleId: 'workload-selector-mismatch',
          line: 6,
          column: 13,
          message: 'Deployment web: empty selector is invalid (it would select every pod in the namespace)',
        },
      ]);
    });

    it('reports an invalid operator at the expression', () => {
      expect(runRule(rule, deployment('{matchExpressions: [{key: tier, operator: Equals, values: [a]}]}'))).toEqual([
        {
          ruleId: 'workload-selector-mismatch',
          line: 6,
          column: 33,
          message:
            'Deployment web: invalid selector: "Equals" is not a valid operator (In, NotIn, Exists, DoesNotExist)',
        },
      ]);
    });

    it('covers StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers and manual-selector Jobs', () => {
      const text = yaml`
        apiVersion: apps/v1
        kind: StatefulSet
        metadata: {name: db}
        spec:
          selector: {matchLabels: {app: db}}
          template: {metadata: {labels: {app: database}}}
        ---
        apiVersion: apps/v1
        kind: DaemonSet
        metadata: {name: agent}
        spec:
          selector: {matchLabels: {app: agent}}
          template: {metadata: {labels: {name: agent}}}
        ---
        apiVersion: v1
        kind: ReplicationController
        metadata: {name: old}
        spec:
          selector: {app: old}
          template: {metadata: {labels: {app: new}}}
        ---
        apiVersion: batch/v1
        kind: Job
        metadata: {name: once}
        spec:
          manualSelector: true
          selector: {matchLabels: {job: once}}
          template: {metadata: {labels: {job: twice}}}
      `;
      expect(runRule(rule, text).map((f) => [f.line, f.message.split(':')[0]])).toEqual([
        [5, 'StatefulSet db'],
        [12, 'DaemonSet agent'],
        [19, 'ReplicationController old'],
        [27, 'Job once'],
      ]);
    });
  });
});
