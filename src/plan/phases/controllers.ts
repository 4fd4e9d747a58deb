/**
 * Phase 2: the workload controllers, in canonical input order (that order is also the pods' creation order):
 * Deployments → ReplicaSets → Pods, StatefulSets (with their PVCs), DaemonSets (one pod per eligible node),
 * Jobs; CronJobs report their next runs. A plan creates at most MAX_PLANNED_PODS pods.
 */
import type { Finding, JsonPath, Manifest } from '../../core/types.js';
import { obj, str } from '../../core/values.js';
import { isKind } from '../../k8s/kinds.js';
import type { ClusterModel } from '../cluster.js';
import type { ExpandContext, Expansion } from '../controllers/context.js';
import { planCronJobs } from '../controllers/cronjob.js';
import { expandDaemonSet } from '../controllers/daemonset.js';
import { expandDeployment } from '../controllers/deployment.js';
import { expandJob } from '../controllers/job.js';
import { expandPod } from '../controllers/pod.js';
import { expandReplicaSet } from '../controllers/replicaset.js';
import { expandStatefulSet } from '../controllers/statefulset.js';
import { namespaceOf } from '../../k8s/defaults.js';
import { NameGenerator } from '../../k8s/pod-template-hash.js';
import type { CronJobReport } from '../result.js';
import type { ClusterScoped } from './cluster-scoped.js';

/**
 * Pods one plan creates at most by default, all workloads together; workloads past it are skipped with a finding.
 * The Kubernetes scalability envelope (150,000 pods): the budget guards against `replicas: 2147483647`, it must not
 * cut a real cluster. `PlanOptions.maxPods` raises (or lowers) it.
 */
export const MAX_PLANNED_PODS = 150_000;

const WORKLOAD_KINDS: ReadonlyMap<string, (ctx: ExpandContext, m: Manifest) => Expansion | null> = new Map([
  ['Deployment', expandDeployment],
  ['ReplicaSet', expandReplicaSet],
  ['ReplicationController', expandReplicaSet],
  ['StatefulSet', expandStatefulSet],
  ['DaemonSet', expandDaemonSet],
  ['Job', (ctx: ExpandContext, m: Manifest) => expandJob(ctx, m)],
  ['Pod', expandPod],
]);

export function nameOf(m: Manifest): string {
  return str(obj(m.object.metadata).name) ?? str(obj(m.object.metadata).generateName) ?? '';
}

export interface ControllerInput {
  /** The inputs in canonical order. */
  sorted: Manifest[];
  cluster: ClusterModel;
  scoped: ClusterScoped;
  seed: string;
  nowMs: number;
  defaultNamespace: string;
  /** The Kubernetes minor whose API server and controllers are modelled ("1.33"). */
  kubeVersion: string;
  skip: (m: Manifest, path: JsonPath, message: string) => void;
  findings: Finding[];
  /** The plan-wide pod budget (default MAX_PLANNED_PODS). */
  maxPods?: number;
}

export interface ControllerOutput {
  expansions: Expansion[];
  cronJobs: CronJobReport[];
}

export function runControllers(input: ControllerInput): ControllerOutput {
  const { sorted, cluster, scoped, defaultNamespace, skip } = input;
  // Generated names avoid every name already taken: running pods and bare Pods in the inputs.
  const names = new NameGenerator(input.seed);
  for (const p of cluster.pods) names.reserve(p.namespace, p.name);
  for (const m of sorted) {
    if (!isKind(m, 'Pod')) continue;
    const given = str(obj(m.object.metadata).name);
    if (given) names.reserve(namespaceOf(m.object, defaultNamespace), given);
  }

  let order = 0;
  const maxPods = input.maxPods ?? MAX_PLANNED_PODS;
  let podBudget = maxPods;
  const ctx: ExpandContext = {
    defaultNamespace,
    kubeVersion: input.kubeVersion,
    names,
    nodes: cluster.nodes,
    nextOrder: () => order++,
    priorityOf: scoped.priorityOf,
    runtimeClassOf: scoped.runtimeClassOf,
    skip,
    claimPods: (m, path, count) => {
      if (count <= podBudget) {
        podBudget -= count;
        return true;
      }
      const planned = maxPods - podBudget;
      skip(
        m,
        path,
        `${String(m.object.kind)} ${String(m.ref.name)} would create ${count} pods; a plan creates at most ${maxPods} (${planned} already planned), so it is not planned`,
      );
      return false;
    },
    findings: input.findings,
  };

  const expansions: Expansion[] = [];
  const cronJobs: Manifest[] = [];
  const seen = new Set<string>();
  for (const m of sorted) {
    const kind = String(m.object.kind ?? '');
    if (!isKind(m, kind)) continue; // a custom resource that shares a built-in kind's name
    const expand = WORKLOAD_KINDS.get(kind);
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
    if (!expand) continue;
    const e = expand(ctx, m);
    if (e) expansions.push(e);
  }
  for (const m of sorted) if (isKind(m, 'CronJob')) cronJobs.push(m);
  return { expansions, cronJobs: planCronJobs(cronJobs, input.nowMs, defaultNamespace, skip) };
}
