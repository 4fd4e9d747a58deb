import { describeMounts, hostPathVolumes, sensitiveHostPath } from '../src/rules/best-practice/host-paths.js';
import type { Rule } from '../src/rules/types.js';
import { podTemplatesOf } from '../src/rules/workloads.js';

const rule: Rule = {
  id: 'sensitive-host-mount',
  severity: 'error',
  category: 'security',
  description: 'Pods should not mount sensitive host paths (/, /etc, /proc, /sys, the container runtime socket, …).',
  rationale: [
    'A hostPath volume of a sensitive node path hands the pod the node: the container runtime socket',
    '(`/var/run/docker.sock`, `containerd.sock`, `crio.sock`) controls every container on the node; `/`, `/etc`,',
    '`/var/lib/kubelet` and `/etc/kubernetes` hold credentials; `/proc`, `/sys` and `/dev` expose the kernel and',
    'devices. Even read-only, these leak secrets.',
    '',
    'Fix: remove the hostPath volume. Use a ConfigMap, Secret, projected volume or a CSI driver for the data, or',
    'the Kubernetes API instead of the runtime socket. Other hostPath volumes are reported by `host-path-volume`.',
  ].join('\n'),
  kubeLinter: 'sensitive-host-mounts',
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
      '        - name: docker',
      '          mountPath: /var/run/docker.sock',
      '  volumes:',
      '    - name: docker',
      '      hostPath:',
      '        path: /var/run/docker.sock',
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
      '        - name: scratch',
      '          mountPath: /scratch',
      '  volumes:',
      '    - name: scratch',
      '      emptyDir: {}',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const pod of podTemplatesOf(context.manifests, { openShift: true })) {
      for (const volume of hostPathVolumes(pod)) {
        const why = sensitiveHostPath(volume.hostPath);
        if (why === undefined) continue;
        context.report({
          manifest: pod.manifest,
          path: volume.path,
          message: `hostPath volume "${volume.volume}" mounts ${volume.hostPath}, ${why}${describeMounts(volume.mounts)}`,
        });
      }
    }
  },
};

export default rule;
