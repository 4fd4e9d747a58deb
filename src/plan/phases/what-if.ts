/**
 * What-if questions on the planned cluster, asked once every pod is placed: node drains, zone failures, and how
 * many more replicas of a workload fit.
 *
 * - A drain is `kubectl drain NODE --ignore-daemonsets --delete-emptydir-data` (kubectl v1.34
 *   staging/src/k8s.io/kubectl/pkg/drain: cordon, then GetPodsForDeletion's filters — mirror pods skipped,
 *   DaemonSet pods ignored, a pod without a controller aborts the whole drain unless --force — then one eviction per
 *   pod). Each eviction passes the eviction API's PodDisruptionBudget check (pkg/registry/core/pod/storage/
 *   eviction.go: more than one budget is an error; a budget allowing no disruption refuses with 429). kubectl
 *   retries refused evictions; kubeplan evicts in name order, lets each replacement schedule before the next
 *   eviction (so a budget frees up once the replacement runs, as it would for the retrying kubectl), and retries the
 *   refused ones until nothing changes.
 * - A zone failure: every node of the zone becomes unreachable (the node lifecycle controller's
 *   `node.kubernetes.io/unreachable` NoSchedule and NoExecute taints) and its pods are gone — no budget protects
 *   against a failure. ReplicaSets and Jobs re-create their pods at once; a StatefulSet waits until the old pod is
 *   deleted, which an unreachable node never confirms; DaemonSet pods and bare pods are not re-created.
 * - Headroom (as cluster-capacity computes it): copies of a workload's pod are scheduled one by one on what the
 *   plan left until the first that does not fit, without evicting anything; then they are removed again. Each
 *   copy is charged to the plan's scheduling-work budget (--max-scheduling-work), like every other pod.
 */
import { compareStrings } from '../../core/compare.js';
import { budgetCovers } from '../disruption.js';
import type { OwnerRef, PlannedPod } from '../pod.js';
import type { EvictionReport, WhatIfReport } from '../result.js';
import type { DisruptionBudget } from '../scheduler/framework.js';
import { buildSchedPod } from '../scheduler/pod-info.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { ClusterState } from '../scheduler/state.js';
import type { SchedPod } from '../scheduler/types.js';
import type { ServiceModel } from '../services.js';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** Headroom copies scheduled at most (the answer is then "at least" this many). */
export const MAX_HEADROOM = 10_000;

export interface WhatIfRequest {
  /** Nodes to drain, in order. */
  drain: string[];
  /** Zones (topology.kubernetes.io/zone) that fail, in order. */
  failZones: string[];
  /** The workload whose headroom is asked: kind as the planner names it (Deployment, StatefulSet, …). */
  headroom?: { kind: string; namespace: string; name: string };
}

export interface WhatIfContext {
  state: ClusterState;
  scheduler: Scheduler;
  pdbs: readonly DisruptionBudget[];
  services: readonly ServiceModel[];
  pods: readonly PlannedPod[];
  ownerOf(pod: SchedPod): OwnerRef | null;
  isMirror(pod: SchedPod): boolean;
  /** Deletes pods from a node; their controllers re-create them (`recreate`) and the replacements are queued. */
  evict(pods: SchedPod[], node: string, cause: string, recreate?: (pod: SchedPod) => boolean): void;
  /** Schedules whatever is queued. */
  runQueue(): void;
  /** Charges one scheduling attempt of `pod` to the plan's work budget; false once it is spent. */
  spendWork(pod: SchedPod): boolean;
  evictions: EvictionReport[];
}

/** Why a what-if request cannot be answered on this cluster (unknown node, zone or workload), or null. */
export function whatIfProblem(
  request: WhatIfRequest,
  nodes: ReadonlyArray<{ name: string; labels: Record<string, string> }>,
  pods: readonly PlannedPod[],
): string | null {
  const names = new Set(nodes.map((n) => n.name));
  for (const node of request.drain) if (!names.has(node)) return `--drain ${node}: no such node in the cluster`;
  const zones = new Set(nodes.map((n) => n.labels[ZONE_LABEL]).filter((z) => z !== undefined));
  for (const zone of request.failZones)
    if (!zones.has(zone))
      return `--fail-zone ${zone}: no node has ${ZONE_LABEL}=${zone} (zones: ${[...zones].sort(compareStrings).join(', ') || 'none'})`;
  const h = request.headroom;
  if (h && !pods.some((p) => matchesWorkload(p, h)))
    return `--headroom ${h.kind}/${h.name}: no planned ${h.kind} ${h.name} in namespace ${h.namespace} (headroom needs one with a pod template)`;
  return null;
}

function matchesWorkload(p: PlannedPod, h: NonNullable<WhatIfRequest['headroom']>): boolean {
  return p.workload.kind === h.kind && p.workload.name === h.name && p.namespace === h.namespace;
}

const podKey = (p: SchedPod) => `${p.namespace}/${p.name}`;
const byKey = (a: SchedPod, b: SchedPod) => compareStrings(podKey(a), podKey(b));

export function runWhatIf(request: WhatIfRequest, ctx: WhatIfContext): WhatIfReport {
  const before = servicesWithEndpoints(ctx);
  const firstEviction = ctx.evictions.length;
  const report: WhatIfReport = { drains: [], failedZones: [], pending: [], servicesWithoutEndpoints: [] };
  for (const node of request.drain) report.drains.push(drain(node, ctx));
  for (const zone of request.failZones) report.failedZones.push(failZone(zone, ctx));
  ctx.runQueue();

  for (const e of ctx.evictions.slice(firstEviction)) {
    const r = e.replacement;
    if (r && r.node === null)
      report.pending.push({
        pod: `${e.pod.slice(0, e.pod.indexOf('/'))}/${r.name}`,
        reason: r.reason ?? 'not scheduled',
      });
  }
  const after = servicesWithEndpoints(ctx);
  report.servicesWithoutEndpoints = [...before].filter((s) => !after.has(s));
  if (request.headroom) report.headroom = headroom(request.headroom, ctx);
  return report;
}

/** namespace/name of the Services that select at least one bound pod. */
function servicesWithEndpoints(ctx: WhatIfContext): Set<string> {
  const out = new Set<string>();
  for (const s of ctx.services) {
    if (!s.selector) continue;
    const key = `${s.report.namespace}/${s.report.name}`;
    for (const _pod of ctx.state.candidates(s.report.namespace, s.selector)) {
      out.add(key);
      break;
    }
  }
  return out;
}

function drain(nodeName: string, ctx: WhatIfContext): WhatIfReport['drains'][number] {
  const result: WhatIfReport['drains'][number] = { node: nodeName, evicted: [], blocked: [], ignored: [] };
  ctx.state.updateNode(nodeName, { unschedulable: true }); // kubectl cordon
  const onNode = [...(ctx.state.node(nodeName)?.pods ?? [])].sort(byKey);
  const toEvict: SchedPod[] = [];
  const unreplicated: string[] = [];
  for (const pod of onNode) {
    const owner = ctx.ownerOf(pod);
    if (ctx.isMirror(pod)) continue; // mirror pods are skipped silently
    if (owner?.kind === 'DaemonSet')
      result.ignored.push({ pod: podKey(pod), reason: 'DaemonSet-managed (--ignore-daemonsets)' });
    else if (owner === null) unreplicated.push(podKey(pod));
    else toEvict.push(pod);
  }
  if (unreplicated.length > 0) {
    // The filters' errors abort the drain before any eviction; the node stays cordoned.
    result.error = `cannot delete Pods that declare no controller (use --force to override): ${unreplicated.join(', ')}`;
    return result;
  }
  let pending = toEvict;
  for (let progress = true; progress && pending.length > 0;) {
    progress = false;
    const refused: SchedPod[] = [];
    for (const pod of pending) {
      const why = evictionRefusal(pod, ctx);
      if (why !== null) {
        refused.push(pod);
        continue;
      }
      ctx.evict([pod], nodeName, `evicted: kubectl drain ${nodeName}`);
      ctx.runQueue(); // the replacement runs before the next eviction is tried
      result.evicted.push(podKey(pod));
      progress = true;
    }
    pending = refused;
  }
  for (const pod of pending) result.blocked.push({ pod: podKey(pod), reason: evictionRefusal(pod, ctx) ?? 'refused' });
  return result;
}

/** The eviction API's answer for `pod`: null when it may be evicted, else the refusal and the budget behind it. */
function evictionRefusal(pod: SchedPod, ctx: WhatIfContext): string | null {
  const budgets = ctx.pdbs.filter((b) => budgetCovers(b, pod.namespace, pod.labels));
  if (budgets.length > 1)
    return `This pod has more than one PodDisruptionBudget, which the eviction subresource does not support. (${budgets.map((b) => `${b.namespace}/${b.name}`).join(', ')})`;
  const [budget] = budgets;
  if (!budget) return null;
  const allowed = budget.disruptionsAllowed(ctx.state);
  if (allowed > 0) return null;
  return `Cannot evict pod as it would violate the pod's disruption budget. (PodDisruptionBudget ${budget.namespace}/${budget.name} allows ${allowed} disruptions)`;
}

const UNREACHABLE = 'node.kubernetes.io/unreachable';

function failZone(zone: string, ctx: WhatIfContext): WhatIfReport['failedZones'][number] {
  const nodes = ctx.state.nodes.filter((n) => n.node.labels[ZONE_LABEL] === zone).map((n) => n.name);
  const result: WhatIfReport['failedZones'][number] = { zone, nodes, lost: [] };
  for (const name of nodes) {
    ctx.state.updateNode(name, {
      addTaints: [
        { key: UNREACHABLE, value: '', effect: 'NoSchedule' },
        { key: UNREACHABLE, value: '', effect: 'NoExecute' },
      ],
    });
    const onNode = [...(ctx.state.node(name)?.pods ?? [])].sort(byKey);
    for (const pod of onNode) {
      const kind = ctx.ownerOf(pod)?.kind;
      const recreated = kind !== undefined && kind !== 'DaemonSet' && kind !== 'StatefulSet';
      result.lost.push({ pod: podKey(pod), node: name, recreated, ...(recreated ? {} : { why: notRecreated(kind) }) });
      ctx.evict([pod], name, `lost: zone ${zone} failed`, () => recreated);
    }
  }
  return result;
}

function notRecreated(kind: string | undefined): string {
  if (kind === 'StatefulSet')
    return 'a StatefulSet re-creates a pod only once the old one is deleted, which an unreachable node never confirms (kubectl delete pod --force)';
  if (kind === 'DaemonSet') return 'DaemonSet pods belong to their node';
  return 'no controller re-creates it';
}

function headroom(
  h: NonNullable<WhatIfRequest['headroom']>,
  ctx: WhatIfContext,
): NonNullable<WhatIfReport['headroom']> {
  const template = ctx.pods.find((p) => matchesWorkload(p, h))!;
  const added: SchedPod[] = [];
  let reason: string | null = null;
  while (added.length < MAX_HEADROOM) {
    const pod = buildSchedPod({
      name: `${h.name}-headroom-${added.length + 1}`,
      namespace: template.namespace,
      labels: template.labels,
      spec: template.spec,
      priority: template.priority,
      ownerSelector: template.ownerSelector,
    }).pod;
    if (!ctx.spendWork(pod)) {
      reason = 'the plan spent its scheduling-work budget (--max-scheduling-work)';
      break;
    }
    const r = ctx.scheduler.schedule(pod);
    if (r.node === null || r.victims !== undefined) {
      reason = r.reason ?? 'no node fits';
      if (r.node !== null) ctx.state.remove(pod); // it fits only by preempting: not headroom
      break;
    }
    added.push(pod);
  }
  for (const pod of added) ctx.state.remove(pod);
  return {
    workload: `${h.kind} ${h.namespace}/${h.name}`,
    fits: added.length,
    ...(reason === null ? { atLeast: true } : {}),
    reason,
  };
}
