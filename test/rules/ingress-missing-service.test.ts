import { describe, expect, it } from 'vitest';
import rule from '../../rules/ingress-missing-service.js';
import { services } from './ingress-fixtures.js';
import { runRule, yaml } from './helpers.js';

describe('ingress-missing-service', () => {
  it('accepts backends whose Services exist (v1, legacy and resource backends)', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web, namespace: shop}
      spec:
        defaultBackend: {service: {name: web, port: {number: 80}}}
        rules:
          - host: shop.example.com
            http:
              paths:
                - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {number: 8080}}}}
                - {path: /static, pathType: Prefix, backend: {resource: {apiGroup: k8s.example.com, kind: Bucket, name: static}}}
      ---
      apiVersion: extensions/v1beta1
      kind: Ingress
      metadata: {name: legacy, namespace: shop}
      spec:
        backend: {serviceName: web, servicePort: 80}
    `;
    expect(runRule(rule, `${services}---\n${text}`)).toEqual([]);
  });

  it('reports a backend Service that is not in the namespace', () => {
    const text = yaml`
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: web, namespace: shop}
      spec:
        rules:
          - http:
              paths:
                - path: /
                  pathType: Prefix
                  backend:
                    service: {name: frontend, port: {number: 80}}
      ---
      apiVersion: networking.k8s.io/v1beta1
      kind: Ingress
      metadata: {name: old}
      spec:
        backend: {serviceName: web, servicePort: 80}
    `;
    expect(runRule(rule, `${services}---\n${text}`)).toEqual([
      {
        ruleId: 'ingress-missing-service',
        line: 25,
        column: 31,
        message: 'Ingress web: backend Service "frontend" not found in namespace "shop"',
      },
      {
        ruleId: 'ingress-missing-service',
        line: 31,
        column: 26,
        message: 'Ingress old: backend Service "web" not found in namespace "default"',
      },
    ]);
  });
});
