import { credentialIn } from '../src/rules/best-practice/credentials.js';
import { isKind } from '../src/k8s/kinds.js';
import type { Rule } from '../src/rules/types.js';
import { objAt } from '../src/core/values.js';

const rule: Rule = {
  id: 'configmap-credentials',
  severity: 'warning',
  category: 'security',
  description: 'ConfigMaps should not hold credentials.',
  rationale: [
    'ConfigMaps are not meant for secrets: RBAC commonly grants read access to them broadly, `kubectl describe`',
    "prints their values, they are never encrypted at rest by the API server's Secret encryption, and tools",
    'log them freely.',
    '',
    'Fix: move the value to a Secret and consume it with `secretKeyRef` / a Secret volume. A key is reported when',
    'its name looks like a credential (password, secret, token, api key, private key, access key, credential)',
    'and its value is a non-empty literal, or when any value contains a PEM private key.',
  ].join('\n'),
  kubeLinter: 'configmap-with-credentials',
  references: [
    'https://kubernetes.io/docs/concepts/configuration/configmap/',
    'https://kubernetes.io/docs/concepts/configuration/secret/',
  ],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: api',
      'data:',
      '  DB_HOST: db.shop.svc',
      '  DB_PASSWORD: Tr0ub4dor-and-3',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: api',
      'data:',
      '  DB_HOST: db.shop.svc',
      '  DB_PASSWORD_FILE: /etc/secrets/db-password',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const manifest of context.manifests) {
      if (!isKind(manifest, 'ConfigMap')) continue;
      const data = objAt(manifest.object, ['data']);
      if (!data) continue;
      for (const [key, value] of Object.entries(data)) {
        const found = credentialIn(key, value);
        if (!found) continue;
        const what = found === 'private-key' ? 'contains a PEM private key' : 'looks like a credential';
        context.report({
          manifest,
          path: ['data', key],
          message: `ConfigMap key "${key}" ${what}; move it to a Secret`,
        });
      }
    }
  },
};

export default rule;
