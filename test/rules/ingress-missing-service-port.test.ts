import { describe, expect, it } from 'vitest';
import rule from '../../rules/ingress-missing-service-port.js';
import { services } from './ingress-fixtures.js';
import { runRule, yaml } from './helpers.js';

const ingress = (webPort: string, apiPort: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {name: shop, namespace: shop}
  spec:
    rules:
      - http:
          paths:
            - {path: /, pathType: Prefix, backend: {service: {name: web, port: ${webPort}}}}
            - {path: /api, pathType: Prefix, backend: {service: {name: api, port: ${apiPort}}}}
            - {path: /gone, pathType: Prefix, backend: {service: {name: gone, port: {number: 1}}}}
`;

const legacy = (port: string) => yaml`
  apiVersion: extensions/v1beta1
  kind: Ingress
  metadata: {name: old, namespace: shop}
  spec:
    backend: {serviceName: web, servicePort: ${port}}
`;

describe('ingress-missing-service-port', () => {
  it.each([
    ['numbers', '{number: 80}', '{number: 8080}'],
    ['a port name', '{name: http}', '{number: 8080}'],
  ])('accepts %s the Service exposes (a missing Service is another rule)', (_, web, api) => {
    expect(runRule(rule, `${services}---\n${ingress(web, api)}`)).toEqual([]);
  });

  it.each([['80'], ['http'], ['"80"']])('accepts the legacy servicePort %s', (port) => {
    expect(runRule(rule, `${services}---\n${legacy(port)}`)).toEqual([]);
  });

  it('reports the container port used instead of the Service port, and an unknown name', () => {
    expect(runRule(rule, `${services}---\n${ingress('{number: 8080}', '{name: http}')}`)).toEqual([
      {
        ruleId: 'ingress-missing-service-port',
        line: 22,
        column: 87,
        message: 'Ingress shop: Service "web" has no port 8080 (it exposes: http/80)',
      },
      {
        ruleId: 'ingress-missing-service-port',
        line: 23,
        column: 88,
        message: 'Ingress shop: Service "api" has no port "http" (it exposes: 8080)',
      },
    ]);
  });

  it('reports the legacy form', () => {
    expect(runRule(rule, `${services}---\n${legacy('https')}`)).toEqual([
      {
        ruleId: 'ingress-missing-service-port',
        line: 19,
        column: 44,
        message: 'Ingress old: Service "web" has no port "https" (it exposes: http/80)',
      },
    ]);
  });
});
