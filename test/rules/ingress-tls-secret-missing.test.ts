import { describe, expect, it } from 'vitest';
import rule from '../../rules/ingress-tls-secret-missing.js';
import { runRule, yaml } from './helpers.js';

const text = yaml`
  apiVersion: v1
  kind: Secret
  metadata: {name: shop-tls}
  type: kubernetes.io/tls
  ---
  apiVersion: networking.k8s.io/v1
  kind: Ingress
  metadata: {name: shop}
  spec:
    tls:
      - {hosts: [shop.example.com], secretName: shop-tls}
      - {hosts: [admin.example.com], secretName: admin-tls}
      - {hosts: [default.example.com]}
`;

describe('ingress-tls-secret-missing', () => {
  it('reports only TLS Secrets missing from the inputs', () => {
    expect(runRule(rule, text)).toEqual([
      {
        ruleId: 'ingress-tls-secret-missing',
        line: 12,
        column: 48,
        message: 'Ingress shop: TLS Secret "admin-tls" not found in namespace "default"',
      },
    ]);
  });

  it('accepts an Ingress without TLS', () => {
    expect(runRule(rule, 'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: x}\nspec: {}\n')).toEqual(
      [],
    );
  });
});
