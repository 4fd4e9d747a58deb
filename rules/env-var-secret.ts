import { credentialIn } from '../src/rules/best-practice/credentials.js';
import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';
import { isObj } from '../src/core/values.js';

const rule: Rule = {
  id: 'env-var-secret',
  severity: 'warning',
  category: 'security',
  description: 'Credentials should not be written as literal environment variable values.',
  rationale: [
    'An `env` entry with a literal `value` puts the credential in the manifest: in Git history, in CI logs, in',
    'the object that anyone with read access to the workload can see (`kubectl get -o yaml`), and in every copy',
    'of the chart. It also cannot be rotated without a redeploy of the manifest.',
    '',
    'Fix: store it in a Secret (or an external secret manager) and reference it with',
    '`valueFrom.secretKeyRef`, or mount the Secret as a file. Names are matched loosely (password, secret, token,',
    'api key, private key, access key, credential, `AZURE_*_KEY`, `*_KEY_CONTENT`), skipping names of locations or settings (`*_FILE`, `*_PATH`,',
    '`*_URL`, `*_NAME`, …) and values that are paths, `$(VAR)` references or booleans. A PEM private key is reported',
    'under any name.',
  ].join('\n'),
  kubeLinter: 'env-var-secret',
  polaris: 'sensitiveContainerEnvVar',
  references: ['https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables'],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '      env:',
      '        - name: DB_PASSWORD',
      '          value: Tr0ub4dor-and-3',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '      env:',
      '        - name: DB_PASSWORD',
      '          valueFrom:',
      '            secretKeyRef:',
      '              name: db',
      '              key: password',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      const env = ref.container.env;
      if (!Array.isArray(env)) continue;
      env.forEach((entry, index) => {
        if (!isObj(entry) || typeof entry.name !== 'string') return;
        const found = credentialIn(entry.name, entry.value);
        if (!found) return;
        const what = found === 'private-key' ? 'a PEM private key' : 'a literal value that looks like a credential';
        context.report({
          manifest: ref.template.manifest,
          path: [...ref.path, 'env', index, 'value'],
          message: `${ref.label} sets ${entry.name} to ${what}; reference a Secret with valueFrom.secretKeyRef`,
        });
      });
    }
  },
};

export default rule;
