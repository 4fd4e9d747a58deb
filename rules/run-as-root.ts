import { effectiveSetting } from '../src/rules/best-practice/security-context.js';
import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'run-as-root',
  severity: 'error',
  category: 'security',
  description: 'Containers should not be set to run as root (runAsUser: 0).',
  rationale: [
    '`runAsUser: 0` explicitly runs the container as root, whatever the image says. Root in a container is one',
    'kernel or runtime bug away from root on the node. Combined with `runAsNonRoot: true` the kubelet refuses to',
    'start the container at all (CreateContainerConfigError).',
    '',
    "Fix: set `runAsUser` to a non-zero id (and `runAsNonRoot: true`). The container's securityContext overrides",
    "the pod's, so a container-level non-zero runAsUser fixes a pod-level 0 for that container.",
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
      '      securityContext:',
      '        runAsUser: 0',
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
      '        runAsUser: 10001',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      const user = effectiveSetting(ref, 'runAsUser');
      if (user?.value !== 0) continue;
      const where = user.level === 'pod' ? ' in the pod securityContext' : '';
      const refused =
        effectiveSetting(ref, 'runAsNonRoot')?.value === true
          ? '; with runAsNonRoot: true the kubelet will refuse to start it'
          : '';
      context.report({
        manifest: ref.template.manifest,
        path: user.path,
        message: `${ref.label} runs as root (runAsUser: 0${where})${refused}`,
      });
    }
  },
};

export default rule;
