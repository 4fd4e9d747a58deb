/**
 * Phase 3: the scheduling queue. Running pods from --cluster are bound first; then every planned pod, in
 * PrioritySort order (higher priority first, then creation order — kubernetes v1.30
 * pkg/scheduler/framework/plugins/queuesort/priority_sort.go), goes through the default profile. A pod with
 * spec.nodeName bypasses the scheduler and is admitted (or rejected) by the kubelet.
 */
import type { ClusterModel } from '../cluster.js';
import type { PlannedPod } from '../pod.js';
import type { EvictionReport, ExplainReport } from '../result.js';
import type { RunningPod } from '../cluster.js';
import { str } from '../../core/values.js';
import { NameGenerator } from '../../k8s/pod-template-hash.js';
import type { DisruptionBudget } from '../scheduler/framework.js';
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
import { runWhatIf, type WhatIfRequest } from './what-if.js';
import type { WhatIfReport } from '../result.js';

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
  /** The Kubernetes minor whose scheduler behaviour is modelled. */
  kubeVersion?: string;
  /** PodDisruptionBudgets (preemption counts the victims that would violate them). */
  pdbs?: readonly DisruptionBudget[];
  /** Seed for the names of replacement pods. */
  seed?: string;
  /** Drains, zone failures and a headroom question, applied once every pod is placed. */
  whatIf?: WhatIfRequest;
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
  /** What the drains, zone failures and headroom question did (ScheduleInput.whatIf). */
  whatIf?: WhatIfReport;
  explain?: ExplainReport;
  /** Pods evicted to make room (preemption), in the order it happened. */
  evictions: EvictionReport[];
}

/** One pod in the scheduling queue: a planned pod, or the replacement a controller creates for an evicted pod. */
interface QueuedPod {
  sched: SchedPod;
  priority: number;
  order: number;
  planned?: PlannedPod;
  /** Set for replacements of running pods: where the outcome is reported. */
  replacement?: NonNullable<EvictionReport['replacement']>;
  nominatedNode?: string;
  /** Preemption rounds so far (a pod that still does not fit after a few stays Pending). */
  rounds: number;
}

/** How many times one pod may preempt before kubeplan leaves it Pending (a guard; upstream retries forever). */
const MAX_PREEMPTION_ROUNDS = 3;

/** PrioritySort's order: higher priority first, then earlier creation. */
function before(a: QueuedPod, b: QueuedPod): boolean {
  return a.priority !== b.priority ? a.priority > b.priority : a.order < b.order;
}

/** The activeQ: a binary heap in PrioritySort order (pods re-queued by preemption go back in their place). */
class SchedulingQueue {
  private readonly heap: QueuedPod[] = [];

  get size(): number {
    return this.heap.length;
  }

  push(item: QueuedPod): void {
    const h = this.heap;
    h.push(item);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(h[i]!, h[parent]!)) break;
      [h[i], h[parent]] = [h[parent]!, h[i]!];
      i = parent;
    }
  }

  pop(): QueuedPod | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && before(h[l]!, h[m]!)) m = l;
        if (r < h.length && before(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }
}

/** Binds the running pods, then schedules every planned pod (setting p.node and p.reason). */
export function queueAndSchedule(input: ScheduleInput): ScheduleOutput {
  const { cluster, scoped, pods } = input;
  const state = new ClusterState(cluster.nodes, scoped.namespaceLabels);
  const selectors = input.services.flatMap((s) =>
    s.selector ? [{ namespace: s.report.namespace, selector: s.selector }] : [],
  );
  const volumes = input.volumes;
  const scheduler = new Scheduler(
    state,
    {
      services: selectors,
      ...(input.kubeVersion !== undefined ? { kubeVersion: input.kubeVersion } : {}),
      ...(input.pdbs ? { pdbs: input.pdbs } : {}),
      ...(volumes ? { volumes: volumes.state } : {}),
    },
    undefined,
    { percentageOfNodesToScore: input.scoreAllNodes ? 100 : 0 },
  );
  const names = new NameGenerator(input.seed ?? 'kubeplan');
  const runningBySched = new Map<SchedPod, RunningPod>();
  for (const p of cluster.pods) {
    const priority = p.priority ?? (p.priorityClassName ? scoped.priorityValue(p.priorityClassName) : undefined) ?? 0;
    const sched = buildSchedPod({ name: p.name, namespace: p.namespace, labels: p.labels, spec: p.spec, priority }).pod;
    if (p.startTime !== undefined) sched.startTime = p.startTime;
    runningBySched.set(sched, p);
    names.reserve(p.namespace, p.name);
    state.add(sched, p.nodeName);
  }
  const queue = new SchedulingQueue();
  const plannedBySched = new Map<SchedPod, PlannedPod>();
  let nextOrder = 0;
  for (const p of pods) {
    const sched = buildSchedPod({
      name: p.name,
      namespace: p.namespace,
      labels: p.labels,
      spec: p.spec,
      priority: p.priority,
      ownerSelector: p.ownerSelector,
    }).pod;
    const policy = scoped.preemptionPolicyOf(str(p.spec.priorityClassName));
    if (policy) sched.preemptionPolicy = policy;
    p.sched = sched;
    volumes?.state.registerPod(sched, volumes.podClaims.get(p) ?? []);
    plannedBySched.set(sched, p);
    names.reserve(p.namespace, p.name);
    nextOrder = Math.max(nextOrder, p.order + 1);
    queue.push({ sched, priority: p.priority, order: p.order, planned: p, rounds: 0 });
  }

  const evictions: EvictionReport[] = [];
  /**
   * Deletes pods from `node` (preemption victims, drained or lost pods): their controllers re-create them and the
   * replacements join the queue. `recreate` false: nothing re-creates them (a StatefulSet pod on a lost node).
   */
  const evict = (
    victims: SchedPod[],
    node: string,
    cause: string,
    recreate: (pod: SchedPod) => boolean = () => true,
  ) => {
    for (const v of victims) {
      state.remove(v);
      const planned = plannedBySched.get(v);
      if (planned) {
        // A planned pod re-created by its controller: kubeplan keeps its name and schedules it again.
        planned.node = null;
        planned.reason = cause;
        const recreated = planned.owner !== null && recreate(v);
        evictions.push({
          pod: `${v.namespace}/${v.name}`,
          node,
          cause,
          owner: planned.owner ? { ...planned.owner } : null,
          replacement: recreated ? { name: planned.name, node: null } : null,
        });
        const again = evictions[evictions.length - 1]?.replacement;
        if (again)
          queue.push({ sched: v, priority: v.priority, order: nextOrder++, planned, replacement: again, rounds: 0 });
        continue;
      }
      const running = runningBySched.get(v);
      const owner = running?.owner ?? null;
      let replacement: EvictionReport['replacement'] = null;
      if (running && owner && recreate(v)) {
        // The controller creates a new pod from the same template: a StatefulSet keeps the name, others generate one.
        const name =
          owner.kind === 'StatefulSet'
            ? running.name
            : names.generate(running.namespace, running.generateName ?? `${running.name}-`);
        const spec = { ...running.spec };
        delete spec.nodeName;
        const sched = buildSchedPod({
          name,
          namespace: running.namespace,
          labels: running.labels,
          spec,
          priority: v.priority,
        }).pod;
        const policy = scoped.preemptionPolicyOf(str(spec.priorityClassName));
        if (policy) sched.preemptionPolicy = policy;
        replacement = { name, node: null };
        queue.push({ sched, priority: v.priority, order: nextOrder++, replacement, rounds: 0 });
      }
      evictions.push({
        pod: `${v.namespace}/${v.name}`,
        node,
        cause,
        owner: owner ? { ...owner } : null,
        replacement,
      });
    }
  };

  // Once the work budget is spent, the scheduler places no more pods (in queue order, so deterministic).
  const budget = input.maxSchedulingWork ?? MAX_SCHEDULING_WORK;
  const nodesEvaluated = input.scoreAllNodes ? cluster.nodes.length : numFeasibleNodesToFind(cluster.nodes.length);
  let work = 0;
  let overBudget = false;
  let explain: ExplainReport | undefined;
  /** namespace/name of pods left without a node: an OrderedReady successor is then not created. */
  const notRunning = new Set<string>();
  const runQueue = () => {
    for (let item = queue.pop(); item; item = queue.pop()) {
      const { sched, planned: p } = item;
      if (p && p.waitsFor !== undefined && notRunning.has(`${p.namespace}/${p.waitsFor}`)) {
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
        record(item, null, 'not scheduled: the plan spent its scheduling-work budget (--max-scheduling-work)');
        if (p) {
          p.overWorkBudget = true;
          notRunning.add(`${p.namespace}/${p.name}`);
        }
        continue;
      }
      const wantExplain =
        p !== undefined &&
        input.explain !== undefined &&
        explain === undefined &&
        (p.name === input.explain || `${p.namespace}/${p.name}` === input.explain);
      if (sched.nodeName !== null) {
        const r = admitDirect(state, sched, sched.nodeName);
        record(item, r.node, r.reason);
        if (p && p.node === null) notRunning.add(`${p.namespace}/${p.name}`);
        if (wantExplain && p)
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
      const r = scheduler.schedule(sched, {
        explain: wantExplain,
        ...(item.nominatedNode !== undefined ? { nominatedNode: item.nominatedNode } : {}),
      });
      record(item, r.node, r.reason);
      const short = r.diagnosis && firstInsufficientResource(r.diagnosis);
      if (p && short !== undefined) p.shortResource = short;
      if (r.nominatedNode !== undefined && r.victims && item.rounds < MAX_PREEMPTION_ROUNDS) {
        // The victims are deleted; the pod goes back to the queue and its next attempt tries the nominated node first.
        evict(r.victims, r.nominatedNode, `preempted by ${sched.namespace}/${sched.name} (priority ${sched.priority})`);
        queue.push({ ...item, nominatedNode: r.nominatedNode, rounds: item.rounds + 1 });
        continue;
      }
      if (p && p.node === null) notRunning.add(`${p.namespace}/${p.name}`);
      if (wantExplain && p)
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
  };
  runQueue();

  const whatIf = input.whatIf
    ? runWhatIf(input.whatIf, {
        state,
        scheduler,
        pdbs: input.pdbs ?? [],
        services: input.services,
        pods,
        ownerOf: (pod) => plannedBySched.get(pod)?.owner ?? runningBySched.get(pod)?.owner ?? null,
        isMirror: (pod) => runningBySched.get(pod)?.mirror === true,
        evict,
        runQueue,
        evictions,
        spendWork: (pod) => {
          if (overBudget) return false;
          work += nodesEvaluated * (1 + schedulingTerms(pod));
          overBudget = work > budget;
          return !overBudget;
        },
      })
    : undefined;

  if (input.explain !== undefined && !explain)
    explain = {
      pod: input.explain,
      namespace: null,
      found: false,
      node: null,
      note: `no planned pod is named ${input.explain}`,
      nodes: [],
    };
  return { state, evictions, ...(explain ? { explain } : {}), ...(whatIf ? { whatIf } : {}) };
}

/** Writes a scheduling outcome to the planned pod or the eviction's replacement. */
function record(item: QueuedPod, node: string | null, reason: string | undefined): void {
  for (const target of [item.planned, item.replacement]) {
    if (!target) continue;
    target.node = node;
    if (reason !== undefined) target.reason = reason;
    else delete target.reason;
  }
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
