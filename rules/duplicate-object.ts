/**
 * Two inputs that define the same object (API group, kind, namespace, name) silently overwrite each
 * other on `kubectl apply`: whichever comes last wins, and the first definition is dead code.
 */
import type { Manifest } from '../src/core/types.js';
import { indexOf, objectLabel, sourceOf } from '../src/rules/format.js';
import { groupOf } from '../src/k8s/kinds.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'duplicate-object',
  severity: 'error',
  category: 'consistency',
  description: 'The same object (API group, kind, namespace, name) must be defined only once across all inputs.',
  rationale: [
    'When two documents define the same object, `kubectl apply` applies both and the last one wins, so one',
    'definition is silently ignored; with kustomize the build fails. The usual causes are a copied file, a',
    'forgotten rename, or an overlay and its base both listed as inputs.',
    '',
    'Fix: delete one of the two, or give them different names or namespaces. Objects without',
    '`metadata.namespace` are counted in the default namespace (`--namespace`, or `default`).',
  ].join('\n'),
  references: [
    'https://kubernetes.io/docs/concepts/overview/working-with-objects/names/',
    'https://kubernetes.io/docs/tasks/manage-kubernetes-objects/declarative-config/',
  ],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: api',
      'data:',
      '  LOG_LEVEL: info',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: api',
      'data:',
      '  LOG_LEVEL: debug',
      '',
    ].join('\n'),
    good: [
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: api',
      'data:',
      '  LOG_LEVEL: info',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: worker',
      'data:',
      '  LOG_LEVEL: debug',
      '',
    ].join('\n'),
  },
  check(context) {
    const index = indexOf(context);
    const first = new Map<string, Manifest>();
    for (const manifest of context.manifests) {
      const { kind, name } = manifest.ref;
      if (kind === undefined || name === undefined) continue;
      const key = [groupOf(manifest.ref.apiVersion), kind, index.namespaceOf(manifest), name].join('\u0000');
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, manifest);
        continue;
      }
      context.report({
        manifest,
        path: ['metadata', 'name'],
        message: `${objectLabel(manifest)}: duplicate object, already defined at ${sourceOf(earlier)}`,
      });
    }
  },
};

export default rule;
