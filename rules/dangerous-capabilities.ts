import { capabilityEntries, DANGEROUS_CAPABILITIES } from '../src/rules/best-practice/capabilities.js';
import { isWindowsPod } from '../src/rules/best-practice/security-context.js';
import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';

const rule: Rule = {
  id: 'dangerous-capabilities',
  severity: 'error',
  category: 'security',
  description: 'Containers should not add capabilities that break isolation (SYS_ADMIN, NET_ADMIN, NET_RAW, ALL, …).',
  rationale: [
    "Capabilities split root's powers; some of them are enough to escape the container or attack the node or",
    'the cluster network: ALL, SYS_ADMIN, SYS_MODULE, SYS_PTRACE, SYS_RAWIO, SYS_BOOT, SYS_TIME, SYS_RESOURCE,',
    'SYSLOG, NET_ADMIN, NET_RAW, DAC_READ_SEARCH, BPF, PERFMON, MAC_ADMIN, MAC_OVERRIDE, AUDIT_CONTROL,',
    'LINUX_IMMUTABLE, IPC_OWNER, CHECKPOINT_RESTORE. The Pod Security Standards (baseline) allow adding only the',
    "runtime's default set (CHOWN, NET_BIND_SERVICE, SETUID, …).",
    '',
    'Fix: remove the capability from `securityContext.capabilities.add`. If the workload really needs it (a CNI',
    'plugin needs NET_ADMIN), keep it on a dedicated node agent and suppress the finding with a reason.',
    'Names are matched with or without the `CAP_` prefix, in any case.',
  ].join('\n'),
  kubeLinter: 'drop-net-raw-capability',
  polaris: 'dangerousCapabilities',
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
      '      securityContext:',
      '        capabilities:',
      '          add: [NET_ADMIN]',
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
      '          add: [NET_BIND_SERVICE]',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      if (isWindowsPod(ref.template)) continue;
      for (const entry of capabilityEntries(ref, 'add')) {
        const power = DANGEROUS_CAPABILITIES[entry.name];
        if (power === undefined) continue;
        context.report({
          manifest: ref.template.manifest,
          path: entry.path,
          message: `${ref.label} adds capability ${entry.name}: ${power}`,
        });
      }
    }
  },
};

export default rule;
