/**
 * plan(): what the cluster would do with the manifests, in the order the cluster does it:
 *   1. read the cluster-scoped objects (Namespaces, PriorityClasses, RuntimeClasses, StorageClasses)
 *   2. run the controllers (pods, ReplicaSets, PVCs, CronJob runs)
 *   3. queue and schedule the pods (priority, then creation order) through the default scheduler profile
 *   4. resolve Services → EndpointSlices and Ingresses → backends
 *   5. report.
 * Deterministic: the inputs are put in a canonical order (namespace, name, kind) first, names come from the
 * seed, ties go to the smallest node name, and no wall-clock time is read.
 */
import { compareStrings } from '../core/compare.js';
import type { Finding, JsonPath, Manifest } from '../core/types.js';
import { isObj } from '../core/values.js';
import { isKind } from '../k8s/kinds.js';
import { clusterFromManifests, defaultCluster } from './cluster.js';
import { utcIso } from '../k8s/cron.js';
import { namespaceOf } from '../k8s/defaults.js';
import { findingAt, unschedulableFindings, workBudgetFindings } from './findings.js';
import { readClusterScoped } from './phases/cluster-scoped.js';
import { nameOf, runControllers } from './phases/controllers.js';
import { resolveNetworking } from './phases/networking.js';
import { buildReport } from './phases/report.js';
import { MAX_SCHEDULING_WORK, queueAndSchedule } from './phases/schedule.js';
import type { PlanResult } from './result.js';
import { nodeSamplingSummary } from './scheduler/sampling.js';
import { readServices } from './services.js';
import { setUpVolumes } from './volumes.js';
import { readBudgets } from './disruption.js';
import { behaviourVersion } from '../k8s/behaviour.js';
import { whatIfProblem, type WhatIfRequest } from './phases/what-if.js';

export { MAX_PLANNED_PODS } from './phases/controllers.js';
export { MAX_SCHEDULING_WORK } from './phases/schedule.js';

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
  /** Filter and score every node (percentageOfNodesToScore 100) instead of sampling from 100 nodes up. */
  scoreAllNodes?: boolean;
  /** The plan-wide pod budget (default MAX_PLANNED_PODS, the Kubernetes scalability envelope). */
  maxPods?: number;
  /** The scheduling-work budget in node × term evaluations (default MAX_SCHEDULING_WORK). */
  maxSchedulingWork?: number;
  /** The Kubernetes minor ("1.34") whose behaviour the plan follows; default the newest supported. */
  kubeVersion?: string;
  /** Drains, zone failures and a headroom question, asked once every pod is placed (phases/what-if.ts). */
  whatIf?: WhatIfRequest;
}

/** A what-if option names a node, zone or workload the plan does not have (a usage error, not a finding). */
export class PlanOptionError extends Error {}

export const DEFAULT_SEED = 'kubeplan';
export const DEFAULT_NOW = '2025-01-01T00:00:00Z';
export const TIE_BREAK = 'smallest node name among the highest-scoring nodes';

/** Canonical input order: namespace, name, kind, then file position (only duplicates ever reach it). */
function canonicalOrder(defaultNamespace: string): (a: Manifest, b: Manifest) => number {
  const key = (m: Manifest): [string, string, string] => [
    namespaceOf(m.object, defaultNamespace),
    nameOf(m),
    String(m.object.kind ?? ''),
  ];
  return (a, b) => {
    const [na, ma, ka] = key(a);
    const [nb, mb, kb] = key(b);
    return (
      compareStrings(na, nb) ||
      compareStrings(ma, mb) ||
      compareStrings(ka, kb) ||
      compareStrings(a.file, b.file) ||
      a.docIndex - b.docIndex ||
      (a.itemIndex ?? -1) - (b.itemIndex ?? -1)
    );
  };
}

/** --now as epoch ms; years 1970–9999 only (schedules are computed up to five years ahead, printed as ISO 8601). */
function readNow(now: string | undefined, findings: Finding[]): number {
  const text = now ?? DEFAULT_NOW;
  const ms = Date.parse(text);
  if (!Number.isNaN(ms) && ms >= 0 && ms <= Date.UTC(9990, 0, 1)) return ms;
  findings.push({
    ruleId: 'plan/skipped',
    severity: 'warning',
    message: `--now ${JSON.stringify(text)} is not an ISO 8601 time; using ${DEFAULT_NOW}`,
    file: '<options>',
    line: 1,
    column: 1,
    endLine: 1,
    endColumn: 1,
  });
  return Date.parse(DEFAULT_NOW);
}

export function plan(manifests: Manifest[], options: PlanOptions = {}): PlanResult {
  const seed = options.seed ?? DEFAULT_SEED;
  const defaultNamespace = options.defaultNamespace || 'default';
  const findings: Finding[] = [];
  const nowMs = readNow(options.now, findings);
  const skip = (m: Manifest, path: JsonPath, message: string) =>
    findings.push(findingAt('plan/skipped', 'warning', m, path, message));

  const cluster = options.cluster
    ? clusterFromManifests(options.cluster.manifests, options.cluster.source)
    : defaultCluster();
  findings.push(...cluster.findings);
  const sorted = manifests.filter((m) => isObj(m.object)).sort(canonicalOrder(defaultNamespace));
  // Built-in kinds only: a custom resource named `Deployment` or `Service` in another API group is not planned.
  const byKind = (kind: string) => sorted.filter((m) => isKind(m, kind));

  // Cluster-scoped classes may come from the cluster snapshot too; the inputs' copies, read last, win.
  const clusterObjects = options.cluster?.manifests ?? [];
  const scoped = readClusterScoped((kind) => [...clusterObjects.filter((m) => isKind(m, kind)), ...byKind(kind)]);
  const kubeVersion = behaviourVersion(options.kubeVersion);
  const { expansions, cronJobs } = runControllers({
    sorted,
    kubeVersion,
    cluster,
    scoped,
    seed,
    nowMs,
    defaultNamespace,
    skip,
    findings,
    ...(options.maxPods !== undefined ? { maxPods: options.maxPods } : {}),
  });
  const pods = expansions.flatMap((e) => e.pods);
  const services = readServices(byKind('Service'), defaultNamespace, skip);
  const scoreAllNodes = options.scoreAllNodes === true;
  const volumes = setUpVolumes({
    inputs: [...byKind('StorageClass'), ...byKind('PersistentVolume'), ...byKind('PersistentVolumeClaim')],
    cluster: cluster.storage ?? [],
    templateClaims: expansions.flatMap((e) => e.claims),
    pods,
    defaultNamespace,
  });
  const pdbs = readBudgets(
    [...byKind('PodDisruptionBudget'), ...(options.cluster?.manifests ?? [])],
    defaultNamespace,
    (namespace, selector) =>
      pods.filter((p) => p.namespace === namespace && selector.matches(p.labels)).length +
      cluster.pods.filter((p) => p.namespace === namespace && selector.matches(p.labels)).length,
  );
  if (options.whatIf) {
    const problem = whatIfProblem(options.whatIf, cluster.nodes, pods);
    if (problem !== null) throw new PlanOptionError(problem);
  }
  const { state, explain, evictions, whatIf } = queueAndSchedule({
    volumes,
    cluster,
    scoped,
    services,
    pods,
    explain: options.explain,
    scoreAllNodes,
    ...(options.maxSchedulingWork !== undefined ? { maxSchedulingWork: options.maxSchedulingWork } : {}),
    kubeVersion,
    pdbs,
    seed,
    ...(options.whatIf ? { whatIf: options.whatIf } : {}),
  });
  findings.push(...unschedulableFindings(pods));
  findings.push(...workBudgetFindings(pods, options.maxSchedulingWork ?? MAX_SCHEDULING_WORK));
  const ingresses = resolveNetworking({
    services,
    pods,
    cluster,
    ingresses: byKind('Ingress'),
    ingressClasses: byKind('IngressClass'),
    defaultNamespace,
    findings,
  });
  return buildReport({
    volumes,
    cluster,
    state,
    pods,
    expansions,
    services,
    ingresses,
    cronJobs,
    evictions,
    settings: {
      seed,
      now: utcIso(nowMs),
      defaultNamespace,
      tieBreak: TIE_BREAK,
      nodeSampling: nodeSamplingSummary(cluster.nodes.length, scoreAllNodes),
      kubeVersion,
    },
    findings,
    ...(explain ? { explain } : {}),
    ...(whatIf ? { whatIf } : {}),
  });
}
