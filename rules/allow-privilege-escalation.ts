import { capabilityEntries } from '../src/rules/best-practice/capabilities.js';
import { containerSetting, isWindowsPod } from '../src/rules/best-practice/security-context.js';
import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'allow-privilege-escalation',
  severity: 'warning',
  category: 'security',
  description: 'Containers should set allowPrivilegeEscalation: false.',
  rationale: [
    'Unless `allowPrivilegeEscalation` is `false`, a process in the container can gain more privileges than its',
    "parent (setuid binaries, file capabilities): the kernel's `no_new_privs` flag is not set. It defaults to",
    'true, so leaving it out allows escalation. The Pod Security Standards (restricted) require `false`.',
    '',
    'Fix: set `securityContext.allowPrivilegeEscalation: false` on every container. Privileged containers and',
    'containers adding SYS_ADMIN always escalate (the API rejects `false` for them); they are reported by',
    'privileged-container and dangerous-capabilities instead.',
    'Windows pods are skipped (the field does not apply there).',
  ].join('\n'),
  kubeLinter: 'privilege-escalation-container',
  polaris: 'privilegeEscalationAllowed',
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
      '        allowPrivilegeEscalation: false',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      if (isWindowsPod(ref.template) || containerSetting(ref, 'privileged')?.value === true) continue;
      if (capabilityEntries(ref, 'add').some((entry) => entry.name === 'SYS_ADMIN')) continue;
      const setting = containerSetting(ref, 'allowPrivilegeEscalation');
      if (setting?.value === false) continue;
      if (setting?.value === true) {
        context.report({
          manifest: ref.template.manifest,
          path: setting.path,
          message: `${ref.label} sets allowPrivilegeEscalation: true; set it to false`,
        });
      } else {
        context.report({
          manifest: ref.template.manifest,
          path: [...ref.path, 'securityContext', 'allowPrivilegeEscalation'],
          message: `${ref.label} does not set allowPrivilegeEscalation: false (it defaults to true)`,
        });
      }
    }
  },
};

export default rule;
