import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';
import { isObj } from '../src/core/values.js';

const rule: Rule = {
  id: 'duplicate-env-var',
  severity: 'warning',
  category: 'reliability',
  description: 'A container should not define the same environment variable twice.',
  rationale: [
    'When `env` lists a name twice, the last entry silently wins (the API server only prints a warning). The',
    'earlier value is dead configuration that someone will edit one day and wonder why nothing changes; often',
    'it is a merge or patch mistake.',
    '',
    'Fix: keep one entry per name.',
  ].join('\n'),
  kubeLinter: 'duplicate-env-var',
  kubeScore: 'environment-variable-key-duplication',
  references: ['https://kubernetes.io/docs/tasks/inject-data-application/define-environment-variable-container/'],
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
      '        - name: LOG_LEVEL',
      '          value: info',
      '        - name: LOG_LEVEL',
      '          value: debug',
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
      '        - name: LOG_LEVEL',
      '          value: debug',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      const env = ref.container.env;
      if (!Array.isArray(env)) continue;
      const seen = new Map<string, number>();
      env.forEach((entry, index) => {
        if (!isObj(entry) || typeof entry.name !== 'string') return;
        const first = seen.get(entry.name);
        if (first === undefined) {
          seen.set(entry.name, index);
          return;
        }
        context.report({
          manifest: ref.template.manifest,
          path: [...ref.path, 'env', index, 'name'],
          message: `${ref.label} defines ${entry.name} again (first at env[${first}]); the last definition wins`,
        });
      });
    }
  },
};

export default rule;
