/** Two Ingress rules for the same host and path: which backend wins depends on the controller. */
import type { JsonPath, Manifest } from '../src/core/types.js';
import { objectLabel, sourceOf } from '../src/rules/format.js';
import { ingressClassOf, ingressPathsOf } from '../src/rules/ingresses.js';
import { isKind } from '../src/k8s/kinds.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'ingress-duplicate-path',
  severity: 'warning',
  category: 'consistency',
  description: 'The same host and path should be routed by only one Ingress rule (per ingress class).',
  rationale: [
    'When two Ingress rules handled by the same controller claim the same host and path, only one backend gets',
    'the traffic; which one depends on the controller (creation order, alphabetical order, or a merge conflict',
    'error), so a deploy can silently switch traffic. Ingresses of different ingress classes are not compared.',
    '',
    'Fix: remove one of the two rules, or give them different hosts or paths.',
  ].join('\n'),
  references: [
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#path-types',
    'https://kubernetes.io/docs/concepts/services-networking/ingress/#multiple-matches',
  ],
  examples: {
    bad: [
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: api',
      'spec:',
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
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: api-v2',
      'spec:',
      '  rules:',
      '    - host: shop.example.com',
      '      http:',
      '        paths:',
      '          - path: /api',
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      '                name: api-v2',
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
      'kind: Service',
      'metadata:',
      '  name: api-v2',
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
      'apiVersion: networking.k8s.io/v1',
      'kind: Ingress',
      'metadata:',
      '  name: api-v2',
      'spec:',
      '  rules:',
      '    - host: shop.example.com',
      '      http:',
      '        paths:',
      '          - path: /v2',
      '            pathType: Prefix',
      '            backend:',
      '              service:',
      '                name: api-v2',
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
      'kind: Service',
      'metadata:',
      '  name: api-v2',
      'spec:',
      '  selector:',
      '    app: api',
      '  ports:',
      '    - port: 80',
      '',
    ].join('\n'),
  },
  check(context) {
    const seen = new Map<string, { manifest: Manifest; path: JsonPath }>();
    for (const manifest of context.manifests) {
      if (!isKind(manifest, 'Ingress')) continue;
      for (const entry of ingressPathsOf(manifest)) {
        const key = [ingressClassOf(manifest), entry.host, entry.path].join('\u0000');
        const first = seen.get(key);
        if (!first) {
          seen.set(key, { manifest, path: entry.pathPath });
          continue;
        }
        const where =
          first.manifest === manifest
            ? `line ${first.manifest.locate(first.path).line}`
            : `${objectLabel(first.manifest)} (${sourceOf(first.manifest, first.path)})`;
        context.report({
          manifest,
          path: entry.pathPath,
          message: `${objectLabel(manifest)}: host "${entry.host}" path "${entry.path}" is already routed by ${where}`,
        });
      }
    }
  },
};

export default rule;
