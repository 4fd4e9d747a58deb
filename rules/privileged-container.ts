import { containerSetting } from '../src/rules/best-practice/security-context.js';
import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'privileged-container',
  severity: 'error',
  category: 'security',
  description: 'Containers should not run privileged.',
  rationale: [
    'A privileged container gets every capability, all host devices and no seccomp/AppArmor confinement: a',
    'compromise of the container is a compromise of the node. The Pod Security Standards (baseline) forbid it.',
    '',
    'Fix: remove `securityContext.privileged: true`. If the workload needs one specific power, add only that',
    'capability (and review it), or move the task to a node-level agent.',
  ].join('\n'),
  kubeLinter: 'privileged-container',
  kubeScore: 'container-security-context-privileged',
  polaris: 'runAsPrivileged',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/',
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
      '        privileged: true',
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
      '        privileged: false',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      const privileged = containerSetting(ref, 'privileged');
      if (privileged?.value !== true) continue;
      context.report({
        manifest: ref.template.manifest,
        path: privileged.path,
        message: `${ref.label} runs privileged: it has every capability and all host devices`,
      });
    }
  },
};

export default rule;
