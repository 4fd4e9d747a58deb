/** Phase 5: the PlanResult — per-node usage, per-pod placement, workloads, Services, Ingresses, CronJobs. */
import { compareStrings } from '../../core/compare.js';
import { sortFindings } from '../../core/findings.js';
import type { Finding } from '../../core/types.js';
import { describeCluster, type ClusterModel } from '../cluster.js';
import type { Expansion } from '../controllers/context.js';
import type { PlannedPod } from '../pod.js';
import { formatResource } from '../../k8s/quantity.js';
import type {
  CronJobReport,
  EvictionReport,
  ExplainReport,
  NodeReport,
  PlanResult,
  PodReport,
  WhatIfReport,
} from '../result.js';
import type { ClusterState } from '../scheduler/state.js';
import type { ServiceModel } from '../services.js';
import type { VolumeSetup } from '../volumes.js';
import { dict } from '../../core/dict.js';

export interface ReportInput {
  cluster: ClusterModel;
  state: ClusterState;
  pods: PlannedPod[];
  expansions: Expansion[];
  services: ServiceModel[];
  ingresses: PlanResult['ingresses'];
  cronJobs: CronJobReport[];
  /** Pods evicted by preemption (the running ones leave their node; replacements that landed join theirs). */
  evictions?: EvictionReport[];
  settings: PlanResult['settings'];
  findings: Finding[];
  explain?: ExplainReport;
  whatIf?: WhatIfReport;
  volumes?: VolumeSetup;
}

/** cpu, memory, ephemeral-storage, pods first, then the rest by name. */
function resourceKeys(keys: string[]): string[] {
  const first = ['cpu', 'memory', 'ephemeral-storage', 'pods'];
  const unique = [...new Set(keys)];
  return [...first.filter((k) => unique.includes(k)), ...unique.filter((k) => !first.includes(k)).sort(compareStrings)];
}

function formatRequests(requests: Record<string, number>): Record<string, string> {
  const out = dict<string>();
  for (const k of resourceKeys(Object.keys(requests))) out[k] = formatResource(k, requests[k] ?? 0);
  return out;
}

function pushTo(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildReport(input: ReportInput): PlanResult {
  const { cluster, pods } = input;
  // Pod names by node, in input order (one pass, not every pod per node).
  const plannedOn = new Map<string, string[]>();
  for (const p of pods) if (p.node !== null) pushTo(plannedOn, p.node, p.name);
  const runningOn = new Map<string, string[]>();
  const evicted = new Set((input.evictions ?? []).map((e) => e.pod));
  for (const p of cluster.pods)
    if (!evicted.has(`${p.namespace}/${p.name}`)) pushTo(runningOn, p.nodeName, `${p.namespace}/${p.name}`);
  const plannedNames = new Set(pods.map((p) => `${p.namespace}/${p.name}`));
  for (const e of input.evictions ?? []) {
    const ns = e.pod.slice(0, e.pod.indexOf('/'));
    // Replacements of running pods are listed with the running pods of the node they land on.
    if (e.replacement?.node && !plannedNames.has(e.pod))
      pushTo(runningOn, e.replacement.node, `${ns}/${e.replacement.name}`);
  }
  const nodes: NodeReport[] = input.state.nodes.map((n) => {
    const planned = plannedOn.get(n.name) ?? [];
    const running = runningOn.get(n.name) ?? [];
    const keys = resourceKeys([
      ...Object.keys(n.node.allocatable),
      ...Object.keys(n.requested).filter((k) => (n.requested[k] ?? 0) !== 0),
    ]);
    const allocatable = dict<string>();
    const requested = dict<string>();
    for (const k of keys) {
      allocatable[k] = formatResource(k, n.node.allocatable[k] ?? 0);
      requested[k] = k === 'pods' ? String(n.pods.size) : formatResource(k, n.requested[k] ?? 0);
    }
    return {
      name: n.name,
      zone: n.node.labels['topology.kubernetes.io/zone'] ?? null,
      allocatable,
      requested,
      pods: planned,
      running,
      ...(n.node.taints.length
        ? { taints: n.node.taints.map((t) => ({ key: t.key, value: t.value, effect: t.effect })) }
        : {}),
      ...(n.node.unschedulable ? { unschedulable: true } : {}),
    };
  });

  const podReports: PodReport[] = pods.map((p) => ({
    name: p.name,
    namespace: p.namespace,
    owner: p.owner,
    workload: p.workload,
    node: p.node,
    ...(p.node === null && p.reason ? { reason: p.reason } : {}),
    ...(p.notCreated ? { notCreated: true } : {}),
    priority: p.priority,
    labels: p.labels,
    ...(p.dns ? { dns: p.dns } : {}),
    ...(p.sched ? { requests: formatRequests(p.sched.requests) } : {}),
  }));
  const scheduled = pods.filter((p) => p.node !== null).length;
  const notCreated = pods.filter((p) => p.notCreated).length;
  return {
    cluster: { source: cluster.source, description: describeCluster(cluster), nodes },
    settings: input.settings,
    pods: podReports,
    workloads: input.expansions.map((e) => e.report),
    volumeClaims: [...input.expansions.flatMap((e) => e.claims), ...(input.volumes?.standalone ?? [])].map((c) => {
      const binding = input.volumes?.state.decision(c.namespace, c.name);
      return binding && binding.state !== 'unknown' ? { ...c, binding } : c; // unknown: nothing was decided
    }),
    services: input.services.map((s) => s.report),
    ingresses: input.ingresses,
    cronJobs: input.cronJobs,
    evictions: (input.evictions ?? []).map((e) => ({
      ...e,
      owner: e.owner ? { ...e.owner } : null,
      replacement: e.replacement ? { ...e.replacement } : null,
    })),
    summary: {
      pods: pods.length,
      scheduled,
      unschedulable: pods.length - scheduled - notCreated,
      ...(notCreated > 0 ? { notCreated } : {}),
    },
    findings: sortFindings(input.findings),
    ...(input.explain ? { explain: input.explain } : {}),
    ...(input.whatIf ? { whatIf: input.whatIf } : {}),
  };
}
