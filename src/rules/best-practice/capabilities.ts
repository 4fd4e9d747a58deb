/** Linux capabilities as written in securityContext.capabilities (with or without the CAP_ prefix). */
import { containerSetting } from './security-context.js';
import type { ContainerRef } from '../containers.js';
import type { JsonPath } from '../../core/types.js';

export interface CapabilityEntry {
  /** Normalised: upper case, no CAP_ prefix. */
  name: string;
  path: JsonPath;
}

export function normaliseCapability(value: string): string {
  const upper = value.trim().toUpperCase();
  return upper.startsWith('CAP_') ? upper.slice(4) : upper;
}

/** Entries of capabilities.add or capabilities.drop that are strings. */
export function capabilityEntries(ref: ContainerRef, list: 'add' | 'drop'): CapabilityEntry[] {
  const capabilities = containerSetting(ref, 'capabilities');
  if (!capabilities || typeof capabilities.value !== 'object' || capabilities.value === null) return [];
  const items = (capabilities.value as Record<string, unknown>)[list];
  if (!Array.isArray(items)) return [];
  const out: CapabilityEntry[] = [];
  items.forEach((item, index) => {
    if (typeof item === 'string')
      out.push({ name: normaliseCapability(item), path: [...capabilities.path, list, index] });
  });
  return out;
}

/** Capabilities that break container isolation, with what they allow (a curated list; see the rule's rationale). */
export const DANGEROUS_CAPABILITIES: Readonly<Record<string, string>> = {
  ALL: 'every capability, close to running privileged',
  SYS_ADMIN: 'mount, namespaces, BPF and much more: effectively root on the node',
  SYS_MODULE: 'load kernel modules',
  SYS_PTRACE: 'trace and inject into other processes',
  SYS_RAWIO: 'raw I/O ports and /dev/mem',
  SYS_BOOT: 'reboot the node',
  SYS_TIME: 'set the node clock',
  SYS_RESOURCE: 'override resource limits and quotas',
  SYSLOG: 'read and clear the kernel log',
  NET_ADMIN: 'reconfigure interfaces, routes and firewall rules',
  NET_RAW: 'craft raw packets (ARP/DNS spoofing inside the cluster network)',
  DAC_READ_SEARCH: 'bypass file read permission checks (open_by_handle_at container escapes)',
  BPF: 'load BPF programs',
  PERFMON: 'kernel performance monitoring and tracing',
  MAC_ADMIN: 'change the AppArmor/SELinux policy',
  MAC_OVERRIDE: 'bypass the AppArmor/SELinux policy',
  AUDIT_CONTROL: 'change kernel auditing',
  LINUX_IMMUTABLE: 'change immutable and append-only file flags',
  IPC_OWNER: 'bypass IPC permission checks',
  CHECKPOINT_RESTORE: 'checkpoint and restore other processes',
};
