import { effectiveSetting } from '../src/rules/best-practice/security-context.js';
import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'run-as-non-root',
  severity: 'warning',
  category: 'security',
  description: 'Containers should be guaranteed to run as a non-root user and group.',
  rationale: [
    'Without `runAsNonRoot: true` (or an explicit non-zero `runAsUser`) the container runs as whatever user the',
    'image declares, which is root for most images. Root in a container is one kernel bug away from root on the',
    'node, and can write to any root-owned file on mounted volumes. `runAsGroup: 0` gives the process the root',
    "group's file permissions.",
    '',
    "Fix: set `securityContext.runAsNonRoot: true` (pod or container level; the container's setting wins) and",
    'build images with a numeric non-root `USER`, or set `runAsUser`/`runAsGroup` to non-zero ids.',
    'An explicit `runAsUser: 0` is reported by `run-as-root` instead.',
  ].join('\n'),
  kubeLinter: 'run-as-non-root',
  kubeScore: 'container-security-context-user-group-id',
  polaris: 'runAsRootAllowed',
  references: [
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
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
      '        runAsNonRoot: true',
      '        runAsUser: 10001',
      '        runAsGroup: 10001',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      const user = effectiveSetting(ref, 'runAsUser');
      const nonRoot = effectiveSetting(ref, 'runAsNonRoot');
      const group = effectiveSetting(ref, 'runAsGroup');
      const provenNonRoot = nonRoot?.value === true || (typeof user?.value === 'number' && user.value > 0);
      if (!provenNonRoot && user?.value !== 0) {
        if (nonRoot?.value === false) {
          const where = nonRoot.level === 'pod' ? ' (pod securityContext)' : '';
          context.report({
            manifest: ref.template.manifest,
            path: nonRoot.path,
            message: `${ref.label} sets runAsNonRoot: false${where}; it may run as root`,
          });
        } else {
          context.report({
            manifest: ref.template.manifest,
            path: [...ref.path, 'securityContext', 'runAsNonRoot'],
            message: `${ref.label} may run as root: set runAsNonRoot: true or a non-zero runAsUser`,
          });
        }
      }
      if (group?.value === 0) {
        const where = group.level === 'pod' ? ' (pod securityContext)' : '';
        context.report({
          manifest: ref.template.manifest,
          path: group.path,
          message: `${ref.label} runs with the root group (runAsGroup: 0${where})`,
        });
      }
    }
  },
};

export default rule;
