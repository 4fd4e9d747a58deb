import { describe, expect, it } from 'vitest';
import rule from '../../rules/unsafe-sysctls.js';
import { runRule } from './helpers.js';

const brief = (text: string, kubeVersion = '1.34') =>
  runRule(rule, text, { kubeVersion }).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (sysctls: string) => `apiVersion: v1
kind: Pod
metadata:
  name: tuned
spec:
  securityContext:
    sysctls:
${sysctls}  containers: [{name: app, image: app:1}]
`;

describe('unsafe-sysctls', () => {
  it('accepts the safe set, with slash separators too', () => {
    expect(
      brief(
        pod(
          '      - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}\n      - {name: kernel/shm_rmid_forced, value: "1"}\n',
        ),
      ),
    ).toEqual([]);
  });

  it('reports other sysctls at their name', () => {
    expect(brief(pod('      - name: kernel.sem\n        value: "250 32000 100 128"\n'))).toEqual([
      [
        'unsafe-sysctls',
        8,
        15,
        "sysctl kernel.sem is not in Kubernetes' safe set: kubelets reject the pod (SysctlForbidden) unless it is allowed with --allowed-unsafe-sysctls",
      ],
    ]);
  });

  it('knows when a sysctl became safe', () => {
    const keepalive = pod('      - {name: net.ipv4.tcp_keepalive_time, value: "600"}\n');
    expect(brief(keepalive, '1.29')).toEqual([]);
    expect(brief(keepalive, '1.28')).toHaveLength(1);
  });
});
