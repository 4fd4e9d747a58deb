import { describe, expect, it } from 'vitest';
import rule from '../../rules/ingress-duplicate-path.js';
import { runOnFiles, runRule, yaml } from './helpers.js';

const ingress = (name: string, host: string, paths: string[], extra = '') => yaml`
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {name: ${name}}
  spec:
    ${extra}
    rules:
      - host: ${host}
        http:
          paths:
${paths.map((p) => `            - {path: ${p}, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}`).join('\n')}
`;

describe('ingress-duplicate-path', () => {
  it('accepts different hosts, paths or ingress classes', () => {
    const text = [
      ingress('a', 'shop.example.com', ['/', '/api']),
      ingress('b', 'admin.example.com', ['/']),
      ingress('c', 'shop.example.com', ['/static']),
      ingress('d', 'shop.example.com', ['/'], 'ingressClassName: internal'),
    ].join('---\n');
    expect(runRule(rule, text)).toEqual([]);
  });

  it('reports the second Ingress claiming a host and path, naming the first', () => {
    const files = {
      'a.yaml': ingress('a', 'shop.example.com', ['/', '/api']),
      'b.yaml': ingress('b', 'shop.example.com', ['/api']),
    };
    expect(runOnFiles(rule, files)).toEqual([
      {
        file: 'b.yaml',
        ruleId: 'ingress-duplicate-path',
        severity: 'warning',
        line: 10,
        column: 20,
        message: 'Ingress b: host "shop.example.com" path "/api" is already routed by Ingress a (a.yaml:11)',
      },
    ]);
  });

  it('reports a path repeated inside one Ingress', () => {
    expect(runRule(rule, ingress('a', 'shop.example.com', ['/', '/'])).map((f) => f.message)).toEqual([
      'Ingress a: host "shop.example.com" path "/" is already routed by line 10',
    ]);
  });
});
