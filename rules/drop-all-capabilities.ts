import { capabilityEntries } from '../src/rules/best-practice/capabilities.js';
import { containerSetting, isWindowsPod } from '../src/rules/best-practice/security-context.js';
import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'drop-all-capabilities',
  severity: 'warning',
  category: 'security',
  description: 'Containers should drop ALL capabilities and add back only what they need.',
  rationale: [
    'Container runtimes grant a default set of capabilities (including NET_RAW, which allows packet spoofing',
    'inside the cluster network, and CHOWN, SETUID, DAC_OVERRIDE …). Most programs need none of them. The Pod',
    'Security Standards (restricted) require dropping ALL.',
    '',
    'Fix: set `securityContext.capabilities.drop: [ALL]` and list in `add` only what the program needs (typically',
    'nothing, or NET_BIND_SERVICE to bind ports below 1024). Dropping only NET_RAW is better than nothing but',
    'still reported. Privileged containers (reported by privileged-container) and Windows pods are skipped.',
  ].join('\n'),
  kubeLinter: 'drop-net-raw-capability',
  polaris: 'insecureCapabilities',
  references: [
    'https://kubernetes.io/docs/concepts/security/pod-security-standards/',
    'https://kubernetes.io/docs/tasks/configure-pod-container/security-context/#set-capabilities-for-a-container',
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
      '        capabilities:',
      '          drop: [ALL]',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      if (isWindowsPod(ref.template) || containerSetting(ref, 'privileged')?.value === true) continue;
      if (capabilityEntries(ref, 'drop').some((entry) => entry.name === 'ALL')) continue;
      context.report({
        manifest: ref.template.manifest,
        path: [...ref.path, 'securityContext', 'capabilities', 'drop'],
        message: `${ref.label} does not drop ALL capabilities (securityContext.capabilities.drop)`,
      });
    }
  },
};

export default rule;
