/**
 * Phase 3: the scheduling queue. Running pods from --cluster are bound first; then every planned pod, in
 * PrioritySort order (higher priority first, then creation order — kubernetes v1.30
 * pkg/scheduler/framework/plugins/queuesort/priority_sort.go), goes through the default profile. A pod with
 * spec.nodeName bypasses the scheduler and is admitted (or rejected) by the kubelet.
 */
import type { ClusterModel } from '../cluster.js';
import type { PlannedPod } from '../pod.js';
import type { ExplainReport } from '../result.js';
import { buildSchedPod, firstUntoleratedTaint } from '../scheduler/pod-info.js';
import { newCycle } from '../scheduler/framework.js';
import { firstInsufficientResource } from '../scheduler/message.js';
import { ERR_REASON_POD, matchesRequiredNodeAffinity } from '../scheduler/plugins/node-affinity.js';
import { ERR_REASON_PORTS, NodePorts } from '../scheduler/plugins/node-ports.js';
import { fitsRequest } from '../scheduler/plugins/node-resources-fit.js';
import { numFeasibleNodesToFind } from '../scheduler/sampling.js';
import { Scheduler } from '../scheduler/scheduler.js';
import { ClusterState } from '../scheduler/state.js';
import type { SchedPod } from '../scheduler/types.js';
import type { ClusterScoped } from './cluster-scoped.js';
import type { ServiceModel } from '../services.js';
import type { VolumeSetup } from '../volumes.js';

export interface ScheduleInput {
  cluster: ClusterModel;
  scoped: ClusterScoped;
  services: ServiceModel[];
  pods: PlannedPod[];
  explain?: string;
  /** percentageOfNodesToScore 100 instead of the adaptive default. */
  scoreAllNodes?: boolean;
  /** Claims, volumes and classes for VolumeBinding / VolumeZone. */
  volumes?: VolumeSetup;
  /** The scheduling-work budget (default MAX_SCHEDULING_WORK). */
  maxSchedulingWork?: number;
}

/**
 * The plan-wide scheduling-work budget, in node × term evaluations: each pod the scheduler is asked to place
 * costs the nodes it evaluates (numFeasibleNodesToFind: all nodes below 100, or with --score-all-nodes) × (1 +
 * its affinity terms and spread constraints). The Kubernetes scalability envelope (150,000 pods on 5,000
 * nodes, 500 evaluated each) costs 7.5 × 10^7 without terms and 6 × 10^8 with seven per pod, or 7.5 × 10^8
 * with --score-all-nodes: real clusters stay below 10^9. It bounds hostile inputs (20,000 replicas × 201 terms
 * on 5,000 nodes: 2 × 10^9), not clusters. `PlanOptions.maxSchedulingWork` raises or lowers it.
 */
export const MAX_SCHEDULING_WORK = 1_000_000_000;

/** The terms that multiply a pod's per-node work: (anti-)affinity terms and topology spread constraints. */
export function schedulingTerms(pod: SchedPod): number {
  return (
    pod.requiredAffinity.length +
    pod.requiredAntiAffinity.length +
    pod.preferredAffinity.length +
    pod.preferredAntiAffinity.length +
    pod.spreadConstraints.length
  );
}

export interface ScheduleOutput {
  state: ClusterState;
  explain?: ExplainReport;
}

/** Binds the running pods, then schedules every planned pod (setting p.node and p.reason). */
export function queueAndSchedule(input: ScheduleInput): ScheduleOutput {
  const { cluster, scoped, pods } = input;
  const state = new ClusterState(cluster.nodes, scoped.namespaceLabels);
  const selectors = input.services.flatMap((s) =>
    s.selector ? [{ namespace: s.report.namespace, selector: s.selector }] : [],
  );
  const volumes = input.volumes;
  const env = { services: selectors, ...(volumes ? { volumes: volumes.state } : {}) };
  const scheduler = new Scheduler(state, env, undefined, {
    percentageOfNodesToScore: input.scoreAllNodes ? 100 : 0,
  });
  for (const p of cluster.pods) {
    const priority = p.priority ?? (p.priorityClassName ? scoped.priorityValue(p.priorityClassName) : undefined) ?? 0;
    state.add(
      buildSchedPod({ name: p.name, namespace: p.namespace, labels: p.labels, spec: p.spec, priority }).pod,
      p.nodeName,
    );
  }
  const queued: Array<{ p: PlannedPod; sched: SchedPod }> = pods.map((p) => {
    const sched = buildSchedPod({
      name: p.name,
      namespace: p.namespace,
      labels: p.labels,
      spec: p.spec,
      priority: p.priority,
      ownerSelector: p.ownerSelector,
    }).pod;
    p.sched = sched;
    volumes?.state.registerPod(sched, volumes.podClaims.get(p) ?? []);
    return { p, sched };
  });
  queued.sort((a, b) => b.p.priority - a.p.priority || a.p.order - b.p.order);

  // Once the work budget is spent, the scheduler places no more pods (in queue order, so deterministic).
  const budget = input.maxSchedulingWork ?? MAX_SCHEDULING_WORK;
  const nodesEvaluated = input.scoreAllNodes ? cluster.nodes.length : numFeasibleNodesToFind(cluster.nodes.length);
  let work = 0;
  let overBudget = false;
  let explain: ExplainReport | undefined;
  /** namespace/name of pods left without a node: an OrderedReady successor is then not created. */
  const notRunning = new Set<string>();
  for (const { p, sched } of queued) {
    if (p.waitsFor !== undefined && notRunning.has(`${p.namespace}/${p.waitsFor}`)) {
      p.notCreated = true;
      p.reason = `not created: waits for ${p.waitsFor} (podManagementPolicy OrderedReady)`;
      notRunning.add(`${p.namespace}/${p.name}`);
      continue;
    }
    if (sched.nodeName === null && !overBudget) {
      work += nodesEvaluated * (1 + schedulingTerms(sched));
      overBudget = work > budget;
    }
    if (sched.nodeName === null && overBudget) {
      p.node = null;
      p.overWorkBudget = true;
      p.reason = 'not scheduled: the plan spent its scheduling-work budget (--max-scheduling-work)';
      notRunning.add(`${p.namespace}/${p.name}`);
      continue;
    }
    const wantExplain =
      input.explain !== undefined &&
      explain === undefined &&
      (p.name === input.explain || `${p.namespace}/${p.name}` === input.explain);
    if (sched.nodeName !== null) {
      const r = admitDirect(state, sched, sched.nodeName);
      p.node = r.node;
      if (r.reason) p.reason = r.reason;
      if (p.node === null) notRunning.add(`${p.namespace}/${p.name}`);
      if (wantExplain)
        explain = {
          pod: p.name,
          namespace: p.namespace,
          found: true,
          node: p.node,
          ...(r.reason ? { reason: r.reason } : {}),
          note: 'spec.nodeName is set: the pod bypasses the scheduler and the kubelet admits it',
          nodes: [],
        };
      continue;
    }
    const r = scheduler.schedule(sched, { explain: wantExplain });
    p.node = r.node;
    if (r.reason) p.reason = r.reason;
    if (p.node === null) notRunning.add(`${p.namespace}/${p.name}`);
    const short = r.diagnosis && firstInsufficientResource(r.diagnosis);
    if (short !== undefined) p.shortResource = short;
    if (wantExplain)
      explain = {
        pod: p.name,
        namespace: p.namespace,
        found: true,
        node: r.node,
        ...(r.reason ? { reason: r.reason } : {}),
        ...(r.explain?.note ? { note: r.explain.note } : {}),
        nodes: r.explain?.nodes ?? [],
      };
  }
  if (input.explain !== undefined && !explain)
    explain = {
      pod: input.explain,
      namespace: null,
      found: false,
      node: null,
      note: `no planned pod is named ${input.explain}`,
      nodes: [],
    };
  return { state, ...(explain ? { explain } : {}) };
}

/**
 * A pod with spec.nodeName skips the scheduler; the kubelet admits it if it fits (kubernetes v1.30
 * pkg/kubelet/lifecycle/predicate.go generalFilter: resources, host ports, node affinity/selector, NoExecute
 * taints), else the pod fails with the kubelet's reason.
 */
function admitDirect(state: ClusterState, pod: SchedPod, nodeName: string): { node: string | null; reason?: string } {
  const node = state.node(nodeName);
  if (!node)
    return {
      node: null,
      reason: `spec.nodeName ${nodeName}: no such node in the cluster, so the pod is never started (it bypasses the scheduler)`,
    };
  const reject = (why: string) => ({
    node: null,
    reason: `rejected by the kubelet on ${node.name} (spec.nodeName bypasses the scheduler): ${why}`,
  });
  const [short] = fitsRequest(pod.requests, node);
  if (short)
    return reject(
      `Node didn't have enough resource: ${short.resourceName}, requested: ${short.requested}, used: ${short.used}, capacity: ${short.capacity}`,
    );
  const cycle = newCycle(pod, state, { services: [] });
  if (NodePorts.filter?.(cycle, node)) return reject(`Predicate NodePorts failed: ${ERR_REASON_PORTS}`);
  if (!matchesRequiredNodeAffinity(cycle, node)) return reject(`Predicate NodeAffinity failed: ${ERR_REASON_POD}`);
  const taint = firstUntoleratedTaint(node.node.taints, pod.tolerations, (t) => t.effect === 'NoExecute');
  if (taint)
    return reject(`Predicate TaintToleration failed: node(s) had untolerated taint {${taint.key}: ${taint.value}}`);
  state.add(pod, node.name);
  return { node: node.name };
}
