import { describeMounts, hostPathVolumes, sensitiveHostPath } from '../src/rules/best-practice/host-paths.js';
import type { Rule } from '../src/rules/types.js';
import { podTemplatesOf } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'host-path-volume',
  severity: 'warning',
  category: 'security',
  description: 'Pods should not use hostPath volumes.',
  rationale: [
    "A hostPath volume ties the pod to one node's disk (data is lost or different when it is rescheduled), lets",
    'the pod read and, when mounted writable, change files on the node, and is a common container-escape route',
    '(symlink tricks). The Pod Security Standards (baseline) forbid hostPath volumes.',
    '',
    'Fix: use an `emptyDir` for scratch space, a PersistentVolumeClaim for data, or a `local` PersistentVolume',
    'when node-local storage is the point. If you must keep it, mount it `readOnly: true`.',
    'Sensitive paths (/, /etc, the runtime socket, …) are reported by `sensitive-host-mount` instead.',
  ].join('\n'),
  kubeLinter: 'writable-host-mount',
  references: [
    'https://kubernetes.io/docs/concepts/storage/volumes/#hostpath',
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
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
      '      volumeMounts:',
      '        - name: cache',
      '          mountPath: /cache',
      '  volumes:',
      '    - name: cache',
      '      hostPath:',
      '        path: /var/lib/api-cache',
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
      '        - name: cache',
      '          mountPath: /cache',
      '  volumes:',
      '    - name: cache',
      '      emptyDir: {}',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const pod of podTemplatesOf(context.manifests, { openShift: true })) {
      for (const volume of hostPathVolumes(pod)) {
        if (sensitiveHostPath(volume.hostPath) !== undefined) continue;
        context.report({
          manifest: pod.manifest,
          path: volume.path,
          message: `hostPath volume "${volume.volume}" mounts host path ${volume.hostPath}${describeMounts(volume.mounts)}`,
        });
      }
    }
  },
};

export default rule;
