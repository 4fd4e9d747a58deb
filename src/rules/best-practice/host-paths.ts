/** hostPath volumes of a pod, the containers that mount them, and which host paths are sensitive. */
import type { JsonPath } from '../../core/types.js';
import { containersOf, INIT_AND_APP_CONTAINERS } from '../containers.js';
import { isObj } from '../../core/values.js';
import type { PodTemplate } from '../workloads.js';

export interface HostPathMount {
  /** `container "app"` */
  container: string;
  readOnly: boolean;
}

export interface HostPathVolume {
  volume: string;
  hostPath: string;
  /** Path from the object root to hostPath.path. */
  path: JsonPath;
  mounts: HostPathMount[];
}

export function hostPathVolumes(pod: PodTemplate): HostPathVolume[] {
  const volumes = pod.spec.volumes;
  if (!Array.isArray(volumes)) return [];
  const out: HostPathVolume[] = [];
  volumes.forEach((volume, index) => {
    if (!isObj(volume) || !isObj(volume.hostPath) || typeof volume.hostPath.path !== 'string') return;
    const name = typeof volume.name === 'string' ? volume.name : `#${index + 1}`;
    out.push({
      volume: name,
      hostPath: volume.hostPath.path,
      path: [...pod.specPath, 'volumes', index, 'hostPath', 'path'],
      mounts: mountsOf(pod, name),
    });
  });
  return out;
}

function mountsOf(pod: PodTemplate, volume: string): HostPathMount[] {
  const out: HostPathMount[] = [];
  for (const ref of containersOf(pod, INIT_AND_APP_CONTAINERS)) {
    const mounts = ref.container.volumeMounts;
    if (!Array.isArray(mounts)) continue;
    for (const mount of mounts) {
      if (isObj(mount) && mount.name === volume) out.push({ container: ref.label, readOnly: mount.readOnly === true });
    }
  }
  return out;
}

/** `/var//run/` → `/var/run`; keeps `/`. */
export function normaliseHostPath(path: string): string {
  const collapsed = path.trim().replace(/\/+/g, '/');
  return collapsed.length > 1 ? collapsed.replace(/\/$/, '') : collapsed;
}

const RUNTIME_SOCKETS = ['docker.sock', 'containerd.sock', 'crio.sock', 'cri-dockerd.sock', 'podman.sock'];

/** Host directories that are sensitive themselves (not their subdirectories). */
const SENSITIVE_EXACT: Readonly<Record<string, string>> = {
  '/': "the node's whole filesystem",
  '/etc': 'node configuration and credentials',
  '/usr': 'node binaries',
  '/lib': 'node libraries',
  '/lib64': 'node libraries',
  '/bin': 'node binaries',
  '/sbin': 'node binaries',
  '/var': 'node state, logs and runtime sockets',
  '/run': 'runtime sockets and node state',
  '/var/run': 'runtime sockets and node state',
  '/home': "users' home directories",
};

/** Host directories that are sensitive with everything below them. */
const SENSITIVE_TREES: Readonly<Record<string, string>> = {
  '/proc': 'kernel and process information of the node',
  '/sys': 'kernel settings and devices of the node',
  '/dev': "the node's devices",
  '/boot': "the node's kernel and boot loader",
  '/root': "root's home directory",
  '/etc/kubernetes': 'Kubernetes credentials and manifests',
  '/var/lib/kubelet': "kubelet state, including every pod's secrets",
  '/var/lib/docker': 'container runtime state',
  '/var/lib/containerd': 'container runtime state',
  '/var/lib/etcd': 'etcd data (every Secret of the cluster)',
};

/** Paths inside sensitive trees that are routinely mounted and harmless by themselves. */
const ORDINARY = new Set(['/dev/log']);

/** Why a host path is sensitive, or undefined when it is not on the list. */
export function sensitiveHostPath(path: string): string | undefined {
  const normalised = normaliseHostPath(path);
  if (ORDINARY.has(normalised)) return undefined;
  if (RUNTIME_SOCKETS.some((socket) => normalised === `/${socket}` || normalised.endsWith(`/${socket}`))) {
    return 'the container runtime socket (full control of every container on the node)';
  }
  const exact = SENSITIVE_EXACT[normalised];
  if (exact !== undefined) return exact;
  for (const [tree, reason] of Object.entries(SENSITIVE_TREES)) {
    if (normalised === tree || normalised.startsWith(`${tree}/`)) return reason;
  }
  return undefined;
}

/** ` (mounted writable by container "a", read-only by container "b")`, or ` (not mounted by any container)`. */
export function describeMounts(mounts: HostPathMount[]): string {
  if (mounts.length === 0) return ' (not mounted by any container)';
  const parts = mounts.map((m) => `${m.readOnly ? 'read-only' : 'writable'} by ${m.container}`);
  return ` (mounted ${parts.join(', ')})`;
}
