import { parseKubeVersion } from '../src/k8s/api-versions.js';
import type { Rule } from '../src/rules/types.js';
import { isObj } from '../src/core/values.js';
import { podTemplatesOf } from '../src/rules/workloads.js';

/** The sysctls the kubelet allows by default (namespaced and isolated), with the minor that made them safe. */
const SAFE_SYSCTLS: Readonly<Record<string, number>> = {
  'kernel.shm_rmid_forced': 0,
  'net.ipv4.ip_local_port_range': 0,
  'net.ipv4.tcp_syncookies': 0,
  'net.ipv4.ping_group_range': 18,
  'net.ipv4.ip_unprivileged_port_start': 22,
  'net.ipv4.ip_local_reserved_ports': 27,
  'net.ipv4.tcp_keepalive_time': 29,
  'net.ipv4.tcp_fin_timeout': 29,
  'net.ipv4.tcp_keepalive_intvl': 29,
  'net.ipv4.tcp_keepalive_probes': 29,
};

const rule: Rule = {
  id: 'unsafe-sysctls',
  severity: 'warning',
  category: 'security',
  description: 'Pods should only set the sysctls Kubernetes considers safe.',
  rationale: [
    'Only a short list of namespaced sysctls is safe to set per pod (kernel.shm_rmid_forced,',
    'net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range,',
    'net.ipv4.ip_unprivileged_port_start, and from 1.27/1.29 net.ipv4.ip_local_reserved_ports and the TCP keepalive',
    'and fin timeout settings). Any other sysctl can affect other pods on the node or the node itself, so the',
    'kubelet rejects the pod (`SysctlForbidden`) unless the node was started with `--allowed-unsafe-sysctls`, and',
    'the Pod Security Standards (baseline) forbid it.',
    '',
    'Fix: remove the sysctl, or run the pod on dedicated, tainted nodes that allow it and suppress the finding.',
    'Safety depends on the target `kubeVersion`.',
  ].join('\n'),
  kubeLinter: 'unsafe-sysctls',
  references: ['https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/'],
  examples: {
    bad: [
      'apiVersion: v1',
      'kind: Pod',
      'metadata:',
      '  name: api',
      'spec:',
      '  securityContext:',
      '    sysctls:',
      '      - name: kernel.msgmax',
      '        value: "65536"',
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
      '  securityContext:',
      '    sysctls:',
      '      - name: net.ipv4.ip_local_port_range',
      '        value: "1024 65000"',
      '  containers:',
      '    - name: api',
      '      image: registry.example.com/shop/api:1.4.2',
      '',
    ].join('\n'),
  },
  check(context) {
    const minor = parseKubeVersion(context.options.kubeVersion) ?? Number.POSITIVE_INFINITY;
    for (const pod of podTemplatesOf(context.manifests, { openShift: true })) {
      const sysctls = isObj(pod.spec.securityContext) ? pod.spec.securityContext.sysctls : undefined;
      if (!Array.isArray(sysctls)) continue;
      sysctls.forEach((sysctl, index) => {
        if (!isObj(sysctl) || typeof sysctl.name !== 'string' || sysctl.name === '') return;
        const name = sysctl.name.replace(/\//g, '.');
        const safeSince = SAFE_SYSCTLS[name];
        if (safeSince !== undefined && minor >= safeSince) return;
        context.report({
          manifest: pod.manifest,
          path: [...pod.specPath, 'securityContext', 'sysctls', index, 'name'],
          message: `sysctl ${sysctl.name} is not in Kubernetes' safe set: kubelets reject the pod (SysctlForbidden) unless it is allowed with --allowed-unsafe-sysctls`,
        });
      });
    }
  },
};

export default rule;
