/**
 * plan(): defaulting → controllers (pods, ReplicaSets, PVCs) → the scheduler, one pod at a time in queue order
 * (priority, then creation order) → Service endpoints and Ingress routes → findings. Deterministic: the inputs are
 * put in a canonical order (namespace, name, kind) first, names come from the seed, ties go to the smallest
 * node name, and no wall-clock time is read.
 */
import type { Finding, JsonPath, Manifest } from '../core/types.js';
import { clusterFromManifests, defaultCluster, describeCluster } from './cluster.js';
import type { ExpandContext, Expansion } from './controllers/context.js';
import { expandDaemonSet } from './controllers/daemonset.js';
import { expandDeployment } from './controllers/deployment.js';
import { expandJob } from './controllers/job.js';
import { expandPod } from './controllers/pod.js';
import { expandReplicaSet } from './controllers/replicaset.js';
import { expandStatefulSet } from './controllers/statefulset.js';
import { isValidTimeZone, localIso, nextRuns, parseCron, utcIso } from './cron.js';
import { defaultCronJob, namespaceOf } from './defaults.js';
import { findingAt, unschedulableFindings } from './findings.js';
import { NameGenerator } from './hash.js';
import { planIngresses } from './ingress.js';
import { namespaceLabels, type Labels } from '../k8s/label-selector.js';
import { formatResource } from './quantity.js';
import type { CronJobReport, ExplainReport, NodeReport, PlanResult, PodReport } from './result.js';
import { insufficientResources } from './scheduler/filters/node-resources-fit.js';
import { ERR_REASON_PORTS, NodePorts } from './scheduler/filters/node-ports.js';
import { ERR_REASON_POD, matchesRequiredNodeAffinity } from './scheduler/filters/node-affinity.js';
import { buildSchedPod, firstUntoleratedTaint } from './scheduler/pod-info.js';
import { Scheduler } from './scheduler/scheduler.js';
import { ClusterState } from './scheduler/state.js';
import type { SchedPod } from './scheduler/types.js';
import { readServices, resolveEndpoints, type EndpointPod } from './services.js';
import { isObj, obj, str, type Obj } from '../core/values.js';
import { compareStrings } from '../core/compare.js';

export interface PlanOptions {
  /** Nodes (+ running Pods with spec.nodeName) from --cluster; absent → the built-in default cluster. */
  cluster?: { manifests: Manifest[]; source: string };
  /** Drives generated pod-name suffixes; default 'kubeplan'. */
  seed?: string;
  /** ISO instant CronJob schedules are computed from; default DEFAULT_NOW (never the wall clock). */
  now?: string;
  defaultNamespace?: string;
  /** A pod name (or namespace/name): report its per-node filter verdicts and per-plugin scores. */
  explain?: string;
}

export const DEFAULT_SEED = 'kubeplan';
export const DEFAULT_NOW = '2025-01-01T00:00:00Z';
export const TIE_BREAK = 'smallest node name among the highest-scoring nodes';
/** Pods one plan creates at most, all workloads together; workloads past it are skipped with a finding. */
export const MAX_PLANNED_PODS = 20_000;

/** Built-in PriorityClasses (scheduling/v1 SystemPriorityClasses). */
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

const WORKLOAD_KINDS: Record<string, (ctx: ExpandContext, m: Manifest) => Expansion | null> = {
  Deployment: expandDeployment,
  ReplicaSet: expandReplicaSet,
  ReplicationController: expandReplicaSet,
  StatefulSet: expandStatefulSet,
  DaemonSet: expandDaemonSet,
  Job: (ctx, m) => expandJob(ctx, m),
  Pod: expandPod,
};

function nameOf(m: Manifest): string {
  return str(obj(m.object.metadata).name) ?? str(obj(m.object.metadata).generateName) ?? '';
}

/** Canonical input order: namespace, name, kind, then file position (only duplicates ever reach it). */
function canonicalOrder(defaultNamespace: string): (a: Manifest, b: Manifest) => number {
  const key = (m: Manifest) => [namespaceOf(m.object, defaultNamespace), nameOf(m), String(m.object.kind ?? '')];
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const c = compareStrings(ka[i], kb[i]);
      if (c !== 0) return c;
    }
    return compareStrings(a.file, b.file) || a.docIndex - b.docIndex || (a.itemIndex ?? -1) - (b.itemIndex ?? -1);
  };
}

export function plan(manifests: Manifest[], options: PlanOptions = {}): PlanResult {
  const seed = options.seed ?? DEFAULT_SEED;
  const defaultNamespace = options.defaultNamespace || 'default';
  const findings: Finding[] = [];
  let nowText = options.now ?? DEFAULT_NOW;
  let nowMs = Date.parse(nowText);
  // Years 1970–9999 only: schedules are computed up to five years ahead and printed as ISO 8601.
  if (Number.isNaN(nowMs) || nowMs < 0 || nowMs > Date.UTC(9990, 0, 1)) {
    findings.push({
      ruleId: 'plan/skipped',
      severity: 'warning',
      message: `--now ${JSON.stringify(nowText)} is not an ISO 8601 time; using ${DEFAULT_NOW}`,
      file: '<options>',
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
    });
    nowText = DEFAULT_NOW;
    nowMs = Date.parse(DEFAULT_NOW);
  }

  const cluster = options.cluster
    ? clusterFromManifests(options.cluster.manifests, options.cluster.source)
    : defaultCluster();
  findings.push(...cluster.findings);

  const sorted = manifests.filter((m) => isObj(m.object)).sort(canonicalOrder(defaultNamespace));
  const byKind = (kind: string) => sorted.filter((m) => m.object.kind === kind);

  // Cluster-wide inputs: PriorityClasses, RuntimeClasses, Namespaces, IngressClasses.
  const priorityClasses = new Map<string, number>();
  let globalDefault: number | undefined;
  for (const m of byKind('PriorityClass')) {
    const name = str(obj(m.object.metadata).name);
    if (!name || typeof m.object.value !== 'number') continue;
    priorityClasses.set(name, m.object.value);
    if (m.object.globalDefault === true) globalDefault = Math.max(globalDefault ?? -Infinity, m.object.value);
  }
  const runtimeClasses = new Map<string, Obj>();
  for (const m of byKind('RuntimeClass')) {
    const name = str(obj(m.object.metadata).name);
    if (name) runtimeClasses.set(name, obj(obj(m.object.overhead).podFixed));
  }
  const nsLabels = new Map<string, Labels>();
  for (const m of byKind('Namespace')) {
    const name = str(obj(m.object.metadata).name);
    if (name) nsLabels.set(name, namespaceLabels(name, obj(obj(m.object.metadata).labels)));
  }

  const names = new NameGenerator(seed);
  for (const p of cluster.pods) names.reserve(p.namespace, p.name);
  for (const m of byKind('Pod')) {
    const given = str(obj(m.object.metadata).name);
    if (given) names.reserve(namespaceOf(m.object, defaultNamespace), given);
  }

  let order = 0;
  let podBudget = MAX_PLANNED_PODS;
  const skip = (m: Manifest, path: JsonPath, message: string) =>
    findings.push(findingAt('plan/skipped', 'warning', m, path, message));
  const ctx: ExpandContext = {
    defaultNamespace,
    names,
    nodes: cluster.nodes,
    nextOrder: () => order++,
    priorityOf: (className) => {
      if (!className) return { value: globalDefault ?? 0 };
      const value = priorityClasses.get(className) ?? SYSTEM_PRIORITY_CLASSES[className];
      return value === undefined
        ? { error: `PriorityClass ${className} is not in the inputs: priority 0 assumed` }
        : { value };
    },
    overheadOf: (runtimeClassName) => {
      if (!runtimeClassName) return {};
      const overhead = runtimeClasses.get(runtimeClassName);
      if (!overhead) return { error: `RuntimeClass ${runtimeClassName} is not in the inputs: no pod overhead assumed` };
      return Object.keys(overhead).length > 0 ? { overhead } : {};
    },
    skip,
    claimPods: (m, path, count) => {
      if (count <= podBudget) {
        podBudget -= count;
        return true;
      }
      const planned = MAX_PLANNED_PODS - podBudget;
      skip(
        m,
        path,
        `${String(m.object.kind)} ${String(m.ref.name)} would create ${count} pods; a plan creates at most ${MAX_PLANNED_PODS} (${planned} already planned), so it is not planned`,
      );
      return false;
    },
    findings,
  };

  // Controllers, in canonical order (that order is also the pods' creation order).
  const expansions: Expansion[] = [];
  const seen = new Set<string>();
  for (const m of sorted) {
    const kind = String(m.object.kind ?? '');
    const expand = WORKLOAD_KINDS[kind];
    if (!expand && kind !== 'CronJob') continue;
    const key = `${kind}/${namespaceOf(m.object, defaultNamespace)}/${nameOf(m)}`;
    if (nameOf(m) && seen.has(key) && kind !== 'Pod') {
      skip(
        m,
        ['metadata', 'name'],
        `${kind} ${nameOf(m)} is defined more than once; only the first definition is planned`,
      );
      continue;
    }
    seen.add(key);
    if (kind === 'CronJob') continue;
    const e = expand(ctx, m);
    if (e) expansions.push(e);
  }
  const cronJobs = planCronJobs(byKind('CronJob'), nowMs, defaultNamespace, skip);

  // Scheduling.
  const services = readServices(byKind('Service'), defaultNamespace, skip);
  const state = new ClusterState(cluster.nodes, (ns) => nsLabels.get(ns) ?? namespaceLabels(ns));
  const scheduler = new Scheduler(state, {
    services: services.filter((s) => s.selector).map((s) => ({ namespace: s.report.namespace, selector: s.selector! })),
  });
  for (const p of cluster.pods) {
    const priority =
      p.priority ??
      (p.priorityClassName
        ? (priorityClasses.get(p.priorityClassName) ?? SYSTEM_PRIORITY_CLASSES[p.priorityClassName])
        : undefined) ??
      0;
    state.add(
      buildSchedPod({ name: p.name, namespace: p.namespace, labels: p.labels, spec: p.spec, priority }).pod,
      p.nodeName,
    );
  }
  const pods = expansions.flatMap((e) => e.pods);
  for (const p of pods)
    p.sched = buildSchedPod({
      name: p.name,
      namespace: p.namespace,
      labels: p.labels,
      spec: p.spec,
      priority: p.priority,
      ownerSelector: p.ownerSelector,
    }).pod;
  const queue = [...pods].sort((a, b) => b.priority - a.priority || a.order - b.order);
  let explain: ExplainReport | undefined;
  for (const p of queue) {
    const wantExplain =
      options.explain !== undefined &&
      explain === undefined &&
      (p.name === options.explain || `${p.namespace}/${p.name}` === options.explain);
    const sched = p.sched!;
    if (sched.nodeName !== null) {
      const r = admitDirect(state, sched);
      p.node = r.node;
      if (r.reason) p.reason = r.reason;
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
  if (options.explain !== undefined && !explain)
    explain = {
      pod: options.explain,
      namespace: null,
      found: false,
      node: null,
      note: `no planned pod is named ${options.explain}`,
      nodes: [],
    };
  findings.push(...unschedulableFindings(pods));

  // Services and Ingresses.
  const endpointPods: EndpointPod[] = [
    ...pods
      .filter((p) => p.node !== null)
      .map((p) => ({
        name: p.name,
        namespace: p.namespace,
        labels: p.labels,
        node: p.node!,
        spec: p.spec,
        hostname: p.hostname,
        subdomain: p.subdomain,
      })),
    ...cluster.pods.map((p) => ({
      name: p.name,
      namespace: p.namespace,
      labels: p.labels,
      node: p.nodeName,
      spec: p.spec,
      hostname: str(p.spec.hostname),
      subdomain: str(p.spec.subdomain),
    })),
  ];
  resolveEndpoints(services, endpointPods, findings);
  const ingresses = planIngresses(byKind('Ingress'), byKind('IngressClass'), services, defaultNamespace, findings);

  const nodes: NodeReport[] = state.nodes.map((n) => {
    const planned = pods.filter((p) => p.node === n.name).map((p) => p.name);
    const running = cluster.pods.filter((p) => p.nodeName === n.name).map((p) => `${p.namespace}/${p.name}`);
    const keys = resourceKeys([
      ...Object.keys(n.node.allocatable),
      ...Object.keys(n.requested).filter((k) => (n.requested[k] ?? 0) !== 0),
    ]);
    const allocatable: Record<string, string> = {};
    const requested: Record<string, string> = {};
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
    };
  });

  const podReports: PodReport[] = pods.map((p) => ({
    name: p.name,
    namespace: p.namespace,
    owner: p.owner,
    workload: p.workload,
    node: p.node,
    ...(p.node === null && p.reason ? { reason: p.reason } : {}),
    priority: p.priority,
    labels: p.labels,
    ...(p.dns ? { dns: p.dns } : {}),
  }));
  const scheduled = pods.filter((p) => p.node !== null).length;
  return {
    cluster: { source: cluster.source, description: describeCluster(cluster), nodes },
    settings: { seed, now: utcIso(nowMs), defaultNamespace, tieBreak: TIE_BREAK },
    pods: podReports,
    workloads: expansions.map((e) => e.report),
    volumeClaims: expansions.flatMap((e) => e.claims),
    services: services.map((s) => s.report),
    ingresses,
    cronJobs,
    summary: { pods: pods.length, scheduled, unschedulable: pods.length - scheduled },
    findings: sortFindings(findings),
    ...(explain ? { explain } : {}),
  };
}

/** cpu, memory, ephemeral-storage, pods first, then the rest by name. */
function resourceKeys(keys: string[]): string[] {
  const first = ['cpu', 'memory', 'ephemeral-storage', 'pods'];
  const unique = [...new Set(keys)];
  return [...first.filter((k) => unique.includes(k)), ...unique.filter((k) => !first.includes(k)).sort(compareStrings)];
}

/**
 * A pod with spec.nodeName skips the scheduler; the kubelet admits it if it fits (lifecycle.GeneralPredicates:
 * resources, host ports, node affinity/selector, NoExecute taints), else the pod fails with the kubelet's reason.
 */
function admitDirect(state: ClusterState, pod: SchedPod): { node: string | null; reason?: string } {
  const node = state.node(pod.nodeName!);
  if (!node)
    return {
      node: null,
      reason: `spec.nodeName ${pod.nodeName}: no such node in the cluster, so the pod is never started (it bypasses the scheduler)`,
    };
  const reject = (why: string) => ({
    node: null,
    reason: `rejected by the kubelet on ${node.name} (spec.nodeName bypasses the scheduler): ${why}`,
  });
  const short = insufficientResources(pod.requests, node);
  if (short.length > 0) {
    const resource = short[0] === 'Too many pods' ? 'pods' : short[0].replace('Insufficient ', '');
    const requested = resource === 'pods' ? 1 : (pod.requests[resource] ?? 0);
    const used = resource === 'pods' ? node.pods.size : (node.requested[resource] ?? 0);
    return reject(
      `Node didn't have enough resource: ${resource}, requested: ${requested}, used: ${used}, capacity: ${node.node.allocatable[resource] ?? 0}`,
    );
  }
  const cycle = { pod, cluster: state, env: { services: [] }, state: new Map(), nodeAffinityCache: new Map() };
  if (NodePorts.filter(cycle, node)) return reject(`Predicate NodePorts failed: ${ERR_REASON_PORTS}`);
  if (!matchesRequiredNodeAffinity(cycle, node)) return reject(`Predicate NodeAffinity failed: ${ERR_REASON_POD}`);
  const taint = firstUntoleratedTaint(node.node.taints, pod.tolerations, (t) => t.effect === 'NoExecute');
  if (taint)
    return reject(`Predicate TaintToleration failed: node(s) had untolerated taint {${taint.key}: ${taint.value}}`);
  state.add(pod, node.name);
  return { node: node.name };
}

function planCronJobs(
  manifests: Manifest[],
  nowMs: number,
  defaultNamespace: string,
  skip: (m: Manifest, path: JsonPath, message: string) => void,
): CronJobReport[] {
  const out: CronJobReport[] = [];
  for (const m of manifests) {
    const name = str(obj(m.object.metadata).name);
    if (!name) {
      skip(m, ['metadata'], 'CronJob has no metadata.name; it is not planned');
      continue;
    }
    const c = defaultCronJob(m.object);
    const spec = c.spec as Obj;
    const schedule = str(spec.schedule);
    const tz = spec.timeZone === undefined || spec.timeZone === null ? null : (str(spec.timeZone) ?? '');
    const report: CronJobReport = {
      namespace: namespaceOf(m.object, defaultNamespace),
      name,
      schedule: schedule ?? '',
      timeZone: tz,
      suspend: spec.suspend === true,
      next: [],
    };
    if (!schedule) {
      skip(m, ['spec', 'schedule'], `CronJob ${name} has no spec.schedule; its runs are not planned`);
      report.error = 'no schedule';
    } else if (tz !== null && !isValidTimeZone(tz)) {
      skip(
        m,
        ['spec', 'timeZone'],
        `CronJob ${name}: unknown time zone ${JSON.stringify(tz)}; its runs are not planned`,
      );
      report.error = `unknown time zone ${tz}`;
    } else {
      const parsed = parseCron(schedule);
      if (typeof parsed === 'string') {
        skip(m, ['spec', 'schedule'], `CronJob ${name}: ${parsed}; its runs are not planned`);
        report.error = parsed;
      } else if (!report.suspend) {
        report.next = nextRuns(parsed, nowMs, 3, tz ?? undefined).map((t) => ({
          time: utcIso(t),
          local: localIso(t, tz ?? undefined),
        }));
      }
    }
    out.push(report);
  }
  return out;
}

function sortFindings(findings: Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareStrings(a.file, b.file) ||
      a.line - b.line ||
      a.column - b.column ||
      compareStrings(a.ruleId, b.ruleId) ||
      compareStrings(a.message, b.message),
  );
}
