import { workloadContainersOf } from '../src/rules/containers.js';
import type { Rule } from '../src/rules/types.js';
import { isObj } from '../src/core/values.js';

const rule: Rule = {
  id: 'ssh-port',
  severity: 'info',
  category: 'security',
  description: 'Containers exposing TCP port 22 usually run an SSH server.',
  rationale: [
    'Port 22 is the SSH port. An SSH daemon in a container is an extra, long-lived way in (keys baked into',
    'images, password logins) that bypasses the audit trail of `kubectl exec` and RBAC.',
    '',
    'Fix: drop the SSH server and use `kubectl exec` / `kubectl debug`. If the workload really is an SSH',
    'service (a Git server, a bastion), suppress the finding with a reason.',
  ].join('\n'),
  kubeLinter: 'ssh-port',
  references: ['https://kubernetes.io/docs/reference/kubectl/generated/kubectl_exec/'],
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
      '      ports:',
      '        - containerPort: 22',
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
      '      ports:',
      '        - containerPort: 8080',
      '',
    ].join('\n'),
  },
  check(context) {
    for (const ref of workloadContainersOf(context.manifests)) {
      const ports = ref.container.ports;
      if (!Array.isArray(ports)) continue;
      ports.forEach((port, index) => {
        if (!isObj(port) || port.containerPort !== 22 || (port.protocol !== undefined && port.protocol !== 'TCP'))
          return;
        context.report({
          manifest: ref.template.manifest,
          path: [...ref.path, 'ports', index, 'containerPort'],
          message: `${ref.label} exposes TCP port 22 (SSH)`,
        });
      });
    }
  },
};

export default rule;
