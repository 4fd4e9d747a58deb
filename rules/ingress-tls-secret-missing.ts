/** A TLS secret that is not in the inputs may be created elsewhere (cert-manager, a secret store): info only. */
import { indexOf, objectLabel } from '../src/rules/format.js';
import { isKind } from '../src/k8s/kinds.js';
import type { Rule } from '../src/rules/types.js';
import { arrayAt, isObj } from '../src/core/values.js';

const rule: Rule = {
  id: 'ingress-tls-secret-missing',
  severity: 'info',
  category: 'consistency',
  description:
    'TLS Secrets named by an Ingress should be defined in the inputs (or created by a tool such as cert-manager).',
  rationale: [
    "`spec.tls[].secretName` must name a `kubernetes.io/tls` Secret in the Ingress's namespace. When it is missing",
    'the controller serves its default (usually self-signed) certificate. TLS Secrets are often issued by',
    'cert-manager or synced from a secret store, so this is informational.',
    '',
    'Fix: check the name, or make sure the certificate issuer creates that Secret.',
  ].join('\n'),
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#tls',
    'https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets',
  ],
  examples: {
    bad: [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: api',
      'spec:',
      '  tls:',
      '    - hosts: [shop.example.com]',
      '      secretName: shop-tls',
      '  rules:',
      '    - host: shop.example.com',
      '      http:',
      '        paths:',
      '          - path: /api',
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      '                name: api',
      '                port:',
      '                  number: 80',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    app: api',
      '  ports:',
      '    - port: 80',
      '',
    ].join('\n'),
    good: [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: api',
      'spec:',
      '  tls:',
      '    - hosts: [shop.example.com]',
      '      secretName: shop-tls',
      '  rules:',
      '    - host: shop.example.com',
      '      http:',
      '        paths:',
      '          - path: /api',
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      '                name: api',
      '                port:',
      '                  number: 80',
      '---',
      'apiVersion: v1',
      'kind: Service',
      'metadata:',
      '  name: api',
      'spec:',
      '  selector:',
      '    app: api',
      '  ports:',
      '    - port: 80',
      '---',
      'apiVersion: v1',
      'kind: Secret',
      'metadata:',
      '  name: shop-tls',
      'type: kubernetes.io/tls',
      'data:',
      '  tls.crt: ""',
      '  tls.key: ""',
      '',
    ].join('\n'),
  },
  check(context) {
    const index = indexOf(context);
    for (const manifest of context.manifests) {
      if (!isKind(manifest, 'Ingress')) continue;
      const namespace = index.namespaceOf(manifest);
      arrayAt(manifest.object, ['spec', 'tls']).forEach((tls, i) => {
        if (!isObj(tls) || typeof tls.secretName !== 'string' || tls.secretName === '') return;
        if (index.find('Secret', namespace, tls.secretName)) return;
        context.report({
          manifest,
          path: ['spec', 'tls', i, 'secretName'],
          message: `${objectLabel(manifest)}: TLS Secret "${tls.secretName}" not found in namespace "${namespace}"`,
        });
      });
    }
  },
};

export default rule;
