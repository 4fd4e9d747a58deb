import { describe, expect, it } from 'vitest';
import rule from '../../rules/exposed-service.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const service = (type: string) => `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80}]
${type}`;

describe('exposed-service', () => {
  it('accepts ClusterIP and the default', () => {
    expect(brief(service('  type: ClusterIP\n'))).toEqual([]);
    expect(brief(service(''))).toEqual([]);
  });

  it('reports NodePort and LoadBalancer at the type', () => {
    expect(brief(service('  type: NodePort\n'))).toEqual([
      ['exposed-service', 8, 9, 'Service type NodePort opens its ports on every node of the cluster'],
    ]);
    expect(brief(service('  type: LoadBalancer\n'))).toEqual([
      [
        'exposed-service',
        8,
        9,
        'Service type LoadBalancer provisions an external load balancer (and node ports) for it',
      ],
    ]);
  });

  it('ignores Services of other API groups (Knative)', () => {
    expect(
      brief(service('  type: NodePort\n').replace('apiVersion: v1', 'apiVersion: serving.knative.dev/v1')),
    ).toEqual([]);
  });
});
