/** A volumeMount must name a volume of the pod (or a volumeClaimTemplate of the StatefulSet). */
import { containersOf } from '../src/rules/containers.js';
import { objectLabel } from '../src/rules/format.js';
import type { Rule } from '../src/rules/types.js';
import { arrayAt, isObj } from '../src/core/values.js';
import { podTemplateOf } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'volume-mount-undefined',
  severity: 'error',
  category: 'consistency',
  description: 'Every volumeMount and volumeDevice must name a volume of the pod or a volumeClaimTemplate.',
  rationale: [
    "A container's `volumeMounts[].name` (and `volumeDevices[].name`) must match a `volumes[].name` of the pod,",
    'or, in a StatefulSet, a `volumeClaimTemplates[].metadata.name`. Otherwise the API server rejects the pod',
    '(`volumeMounts[0].name: Not found`); for a Deployment this only surfaces as a ReplicaSet that never creates pods.',
    '',
    'Fix: add the volume to `spec.template.spec.volumes`, or correct the name in the mount.',
  ].join('\n'),
  references: ['https://kubernetes.io/docs/concepts/storage/volumes/'],
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
      '      volumeMounts:',
      '        - name: data',
      '          mountPath: /data',
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
      '      volumeMounts:',
      '        - name: data',
      '          mountPath: /data',
      '  volumes:',
      '    - name: data',
      '      emptyDir: {}',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const manifest of context.manifests) {
      const template = podTemplateOf(manifest);
      if (!template) continue;
      const volumes = new Set(
        arrayAt(template.spec, ['volumes']).flatMap((v) => (isObj(v) && typeof v.name === 'string' ? [v.name] : [])),
      );
      const claims = template.kind === 'StatefulSet' ? claimTemplateNames(manifest.object) : new Set<string>();
      for (const { container, path, label } of containersOf(template)) {
        for (const field of ['volumeMounts', 'volumeDevices'] as const) {
          arrayAt(container, [field]).forEach((mount, i) => {
            if (!isObj(mount) || typeof mount.name !== 'string') return;
            if (volumes.has(mount.name) || claims.has(mount.name)) return;
            const where =
              template.kind === 'StatefulSet'
                ? 'neither a volume nor a volumeClaimTemplate'
                : 'not a volume of the pod';
            context.report({
              manifest,
              path: [...path, field, i, 'name'],
              message: `${objectLabel(manifest)}: ${label} mounts "${mount.name}", which is ${where}`,
            });
          });
        }
      }
    }
  },
};

function claimTemplateNames(object: unknown): Set<string> {
  return new Set(
    arrayAt(object, ['spec', 'volumeClaimTemplates']).flatMap((t) =>
      isObj(t) && isObj(t.metadata) && typeof t.metadata.name === 'string' ? [t.metadata.name] : [],
    ),
  );
}

export default rule;
