import { containerSetting, isWindowsPod } from '../src/rules/best-practice/security-context.js';
import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'read-only-root-filesystem',
  severity: 'warning',
  category: 'security',
  description: 'Containers should run with a read-only root filesystem.',
  rationale: [
    'A writable root filesystem lets an attacker (or a bug) modify binaries and configuration inside the',
    'container and persist across process restarts; it also hides writes that should go to a volume.',
    '',
    'Fix: set `securityContext.readOnlyRootFilesystem: true` and mount an `emptyDir` where the program really',
    'writes (`/tmp`, caches). Windows pods are skipped (the field is not supported there).',
  ].join('\n'),
  kubeLinter: 'no-read-only-root-fs',
  kubeScore: 'container-security-context-readonlyrootfilesystem',
  polaris: 'notReadOnlyRootFilesystem',
  references: ['https://kubernetes.io/docs/tasks/configure-pod-container/security-context/'],
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
      '      securityContext:',
      '        readOnlyRootFilesystem: true',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      if (isWindowsPod(ref.template)) continue;
      const setting = containerSetting(ref, 'readOnlyRootFilesystem');
      if (setting?.value === true) continue;
      if (setting?.value === false) {
        context.report({
          manifest: ref.template.manifest,
          path: setting.path,
          message: `${ref.label} sets readOnlyRootFilesystem: false; make the root filesystem read-only`,
        });
      } else {
        context.report({
          manifest: ref.template.manifest,
          path: [...ref.path, 'securityContext', 'readOnlyRootFilesystem'],
          message: `${ref.label} does not set readOnlyRootFilesystem: true`,
        });
      }
    }
  },
};

export default rule;
