import { describe, expect, it } from 'vitest';
import rule from '../../rules/sensitive-host-mount.js';
import { sensitiveHostPath } from '../../src/rules/best-practice/host-paths.js';
import { runRule } from './helpers.js';

const brief = (text: string) => runRule(rule, text).map((f) => [f.ruleId, f.line, f.column, f.message]);

const pod = (hostPath: string, readOnly = false) => `apiVersion: v1
kind: Pod
metadata:
  name: agent
spec:
  containers:
    - name: agent
      image: agent:1
      volumeMounts:
        - name: host
          mountPath: /host
          readOnly: ${readOnly}
  volumes:
    - name: host
      hostPath:
        path: ${hostPath}
`;

describe('sensitive-host-mount', () => {
  it('accepts ordinary host paths (host-path-volume reports those)', () => {
    expect(brief(pod('/var/log'))).toEqual([]);
    expect(brief(pod('/data/cache'))).toEqual([]);
  });

  it('reports the runtime socket at the path, naming the mount', () => {
    expect(brief(pod('/var/run/docker.sock'))).toEqual([
      [
        'sensitive-host-mount',
        16,
        15,
        'hostPath volume "host" mounts /var/run/docker.sock, the container runtime socket (full control of every container on the node) (mounted writable by container "agent")',
      ],
    ]);
  });

  it('reports sensitive paths even read-only', () => {
    expect(brief(pod('/etc/', true))).toEqual([
      [
        'sensitive-host-mount',
        16,
        15,
        'hostPath volume "host" mounts /etc/, node configuration and credentials (mounted read-only by container "agent")',
      ],
    ]);
  });

  it('classifies paths', () => {
    expect(sensitiveHostPath('/')).toBe("the node's whole filesystem");
    expect(sensitiveHostPath('//proc/1/')).toBe('kernel and process information of the node');
    expect(sensitiveHostPath('/run/containerd/containerd.sock')).toBe(
      'the container runtime socket (full control of every container on the node)',
    );
    expect(sensitiveHostPath('/var/lib/kubelet/pods')).toBe("kubelet state, including every pod's secrets");
    expect(sensitiveHostPath('/etc/ssl/certs')).toBeUndefined();
    expect(sensitiveHostPath('/sysroot')).toBeUndefined();
    expect(sensitiveHostPath('/dev/log')).toBeUndefined();
    expect(sensitiveHostPath('/dev/kmsg')).toBe("the node's devices");
  });
});
