/** A key read from a ConfigMap or Secret that does not have it stops the container from starting. */
import { indexOf, objectLabel } from '../src/rules/format.js';
import { podReferencesOf, providedKeys } from '../src/rules/pod-refs.js';
import { didYouMean } from '../src/rules/suggest.js';
import type { Rule } from '../src/rules/types.js';
import { podTemplateOf } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'missing-reference-key',
  severity: 'error',
  category: 'consistency',
  description: 'Keys read from a ConfigMap or Secret (env valueFrom, volume items) must exist in it.',
  rationale: [
    'An env var with `valueFrom.configMapKeyRef` / `secretKeyRef`, or a volume `items[].key`, reads one key of the',
    'object. When the object exists but lacks the key, the container fails with `CreateContainerConfigError`',
    '("couldn\'t find key … in ConfigMap"). Secret keys may come from `data` or `stringData`, ConfigMap keys from',
    '`data` or `binaryData`. References marked `optional: true` are skipped; objects missing entirely are reported',
    'by `missing-reference`.',
    '',
    'Fix: correct the key, or add it to the ConfigMap or Secret.',
  ].join('\n'),
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/configure-pod-configmap/',
    'https://kubernetes.io/docs/concepts/configuration/secret/',
  ],
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
      '          valueFrom:',
      '            configMapKeyRef:',
      '              name: api',
      '              key: log-level',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: api',
      'data:',
      '  loglevel: info',
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
      '          valueFrom:',
      '            configMapKeyRef:',
      '              name: api',
      '              key: log-level',
      '---',
      'apiVersion: v1',
      'kind: ConfigMap',
      'metadata:',
      '  name: api',
      'data:',
      '  log-level: info',
      '',
    ].join('\n'),
  },
  check(context) {
    const index = indexOf(context);
    // Keys of each ConfigMap and Secret, worked out once however many pods read it.
    const provided = new Map<string, Set<string> | undefined>();
    const keysOf = (kind: 'ConfigMap' | 'Secret', namespace: string, name: string): Set<string> | undefined => {
      const id = JSON.stringify([kind, namespace, name]);
      if (!provided.has(id)) {
        // With duplicate definitions (duplicate-object reports them) a key from any of them counts.
        const targets = index.findAll(kind, namespace, name);
        provided.set(
          id,
          targets.length === 0 ? undefined : new Set(targets.flatMap((t) => [...providedKeys(t.object, kind)])),
        );
      }
      return provided.get(id);
    };
    for (const manifest of context.manifests) {
      const template = podTemplateOf(manifest);
      if (!template) continue;
      const namespace = index.namespaceOf(manifest);
      for (const ref of podReferencesOf(template)) {
        if (
          ref.key === undefined ||
          !ref.keyPath ||
          ref.optional ||
          (ref.kind !== 'ConfigMap' && ref.kind !== 'Secret')
        )
          continue;
        const keys = keysOf(ref.kind, namespace, ref.name);
        // A missing object is reported by missing-reference.
        if (!keys || keys.has(ref.key)) continue;
        context.report({
          manifest,
          path: ref.keyPath,
          message: `${objectLabel(manifest)}: key "${ref.key}" not found in ${ref.kind} "${ref.name}"${didYouMean(ref.key, keys)}`,
        });
      }
    }
  },
};

export default rule;
