/**
 * The planner's kube-scheduler (src/plan/scheduler) behind the rollout's Cluster interface: each new pod is
 * turned into the scheduler's SchedPod (template defaulted, requests from limits, controller labels) and
 * scheduled on the live ClusterState, where old pods hold their room until they are deleted.
 * Pods are scheduled in the order controllers create them (no priority queue, no preemption).
 */
import type { Manifest } from '../core/types.js';
import { isKind } from '../k8s/kinds.js';
import { behaviourVersion } from '../k8s/behaviour.js';
import { dropDisabledPodFields } from '../k8s/disabled-fields.js';
import { clusterFromManifests, defaultCluster } from '../plan/cluster.js';
import { defaultPodRequestsFromLimits, defaultPodSpec, defaultPodTemplate, namespaceOf } from '../k8s/defaults.js';
import { compileLabelSelector } from '../k8s/label-selector.js';
import { plan } from '../plan/planner.js';
import { readServices } from '../plan/services.js';
import { buildSchedPod } from '../plan/scheduler/pod-info.js';
import { Scheduler } from '../plan/scheduler/scheduler.js';
import { ClusterState } from '../plan/scheduler/state.js';
import type { SchedPod } from '../plan/scheduler/types.js';
import { clone, obj } from '../core/values.js';
import type { Cluster, PodRequest } from './cluster.js';
import { controllerOf } from './snapshot.js';
import { addTolerations, pinToNode, shouldRunOn } from '../plan/controllers/daemonset.js';
import { compareStrings } from '../core/compare.js';

/** Adapts a Scheduler (and the ClusterState it binds to) to the rollout simulation. */

/** Kinds whose planned pods may be running before a rollout. */
const SOURCE_KINDS = ['Pod', 'Deployment', 'ReplicaSet', 'ReplicationController', 'StatefulSet', 'DaemonSet', 'Job'];
export function schedulerCluster(scheduler: Scheduler, kubeVersion?: string): Cluster {
  const bound = new Map<string, SchedPod>();
  const built = new Map<string, SchedPod>();
  const defaulted = new WeakMap<object, Record<string, unknown>>();
  const key = (namespace: string, name: string) => `${namespace}/${name}`;

  const toSchedPod = (req: PodRequest): SchedPod => {
    const k = key(req.namespace, req.name);
    let pod = built.get(k); // Pending pods are retried: build each one once
    if (pod) return pod;
    let template = defaulted.get(req.template);
    if (!template) defaulted.set(req.template, (template = defaultPodTemplate(req.template)));
    // GetPodFromTemplate + SetDefaults_Pod: the template's spec, requests defaulted from limits.
    const spec = clone(obj(template.spec));
    dropDisabledPodFields(spec, kubeVersion);
    defaultPodRequestsFromLimits(spec);
    if (req.node !== undefined) {
      // The DaemonSet controller's pod: its tolerations, pinned to its node (the scheduler still checks room).
      addTolerations(spec);
      pinToNode(spec, req.node);
    }
    const owner = req.ownerSelector === undefined ? null : compileLabelSelector(req.ownerSelector);
    pod = buildSchedPod({
      name: req.name,
      namespace: req.namespace,
      labels: req.labels,
      spec,
      ownerSelector: owner?.ok ? owner.selector : null,
    }).pod;
    built.set(k, pod);
    return pod;
  };

  return {
    place(req) {
      const pod = toSchedPod(req);
      const result = scheduler.schedule(pod);
      if (result.node === null) return { placed: false, reason: result.reason ?? 'the scheduler found no node' };
      built.delete(key(req.namespace, req.name));
      bound.set(key(req.namespace, req.name), pod);
      return { placed: true, node: result.node };
    },
    daemonNodes(template) {
      const spec = clone(obj(defaultPodTemplate(template).spec));
      dropDisabledPodFields(spec, kubeVersion);
      addTolerations(spec);
      return scheduler.cluster.nodes
        .filter((n) => shouldRunOn(spec, n.node))
        .map((n) => n.name)
        .sort(compareStrings);
    },
    remove(namespace, name) {
      const k = key(namespace, name);
      const pod = bound.get(k);
      built.delete(k);
      if (!pod) return;
      bound.delete(k);
      scheduler.remove(pod);
    },
  };
}

export interface RolloutClusterOptions {
  /** Nodes and running pods (`--cluster`, as the planner reads it); absent → the planner's built-in default cluster. */
  cluster?: { manifests: Manifest[]; source: string };
  seed?: string;
  defaultNamespace?: string;
  /** Evaluate every node instead of kube-scheduler's sampling (percentageOfNodesToScore 100). */
  scoreAllNodes?: boolean;
  /** The Kubernetes minor whose scheduler and API server are modelled (--kube-version). */
  kubeVersion?: string;
  /**
   * `kind/namespace/name` of the Deployments, StatefulSets and DaemonSets the change plan simulates (changed, added
   * or removed: rolloutWorkloads). Every other one keeps its planned pods, placed here once, as pods that only take
   * room (Cluster.placedWorkloads). Absent: all of them are left to the simulation.
   */
  simulated?: ReadonlySet<string>;
}

/** Kinds whose old pods planChanges simulates itself (it places them while the rollouts run). */
const SIMULATED_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet']);

/**
 * The cluster a change plan runs on: the nodes, the pods already running in the snapshot, and the old
 * manifests' other pods (Jobs, ReplicaSets, bare Pods) where the planner places them
 * (`plan()` of the old manifests). Deployments, StatefulSets and DaemonSets are left out when `simulated` names
 * them (or when it is absent): planChanges places their pods itself so they can be scaled and replaced. The
 * unchanged ones stay where the plan put them: 150,000 bystander pods cost one plan, not a simulation.
 */
export function rolloutCluster(oldManifests: Manifest[], options: RolloutClusterOptions = {}): Cluster {
  const defaultNamespace = options.defaultNamespace || 'default';
  const model = options.cluster
    ? clusterFromManifests(options.cluster.manifests, options.cluster.source)
    : defaultCluster();
  const state = new ClusterState(model.nodes);
  // The snapshot pods of the old manifests' Deployments are the simulation's own (it re-creates them from their
  // ReplicaSets): counting them here as well would take their room twice.
  const simulatedRS = new Set<string>();
  const oldDeployments = new Set(
    oldManifests
      .filter((m) => isKind(m, 'Deployment'))
      .map((m) => `${namespaceOf(m.object, defaultNamespace)}/${String(obj(m.object.metadata).name)}`),
  );
  for (const m of options.cluster?.manifests ?? []) {
    if (!isKind(m, 'ReplicaSet')) continue;
    const ns = namespaceOf(m.object, 'default'); // as clusterFromManifests reads the snapshot's pods
    const owner = controllerOf(m.object, 'Deployment');
    if (owner && oldDeployments.has(`${ns}/${owner}`)) simulatedRS.add(`${ns}/${String(obj(m.object.metadata).name)}`);
  }
  for (const p of model.pods) {
    if (!state.node(p.nodeName)) continue;
    const rs = p.manifest ? controllerOf(p.manifest.object, 'ReplicaSet') : undefined;
    if (rs && simulatedRS.has(`${p.namespace}/${rs}`)) continue;
    state.add(
      buildSchedPod({
        name: p.name,
        namespace: p.namespace,
        labels: p.labels,
        spec: p.spec,
        ...(p.priority !== undefined ? { priority: p.priority } : {}),
      }).pod,
      p.nodeName,
    );
  }
  const planned = plan(oldManifests, {
    ...(options.cluster ? { cluster: options.cluster } : {}),
    ...(options.seed ? { seed: options.seed } : {}),
    ...(options.scoreAllNodes ? { scoreAllNodes: true } : {}),
    ...(options.kubeVersion !== undefined ? { kubeVersion: options.kubeVersion } : {}),
    defaultNamespace,
  });
  const sources = new Map<string, Manifest>();
  for (const m of oldManifests) {
    if (!SOURCE_KINDS.some((k) => isKind(m, k))) continue; // custom resources named like workloads are not planned
    const key = `${String(m.object.kind)}/${namespaceOf(m.object, defaultNamespace)}/${String(obj(m.object.metadata).name)}`;
    if (!sources.has(key)) sources.set(key, m); // the planner plans the first definition
  }
  const placed = new Set<string>();
  // One defaulted spec per source manifest: its replicas share it (and the scheduler's parsed pod).
  const specs = new Map<Manifest, Record<string, unknown>>();
  for (const p of planned.pods) {
    if (p.node === null || !state.node(p.node)) continue;
    const key = `${p.workload.kind}/${p.namespace}/${p.workload.name}`;
    if (SIMULATED_KINDS.has(p.workload.kind)) {
      if (!options.simulated || options.simulated.has(key)) continue;
      placed.add(key);
    }
    const m = sources.get(key);
    if (!m) continue;
    let spec = specs.get(m);
    if (!spec) {
      const raw = p.workload.kind === 'Pod' ? m.object.spec : obj(obj(m.object.spec).template).spec;
      spec = defaultPodSpec(raw);
      defaultPodRequestsFromLimits(spec);
      specs.set(m, spec);
    }
    state.add(
      buildSchedPod({ name: p.name, namespace: p.namespace, labels: p.labels, spec, priority: p.priority }).pod,
      p.node,
    );
  }
  const services = readServices(
    oldManifests.filter((m) => isKind(m, 'Service')),
    defaultNamespace,
    () => {},
  );
  const cluster = schedulerCluster(
    new Scheduler(
      state,
      {
        services: services.flatMap((x) =>
          x.selector ? [{ namespace: x.report.namespace, selector: x.selector }] : [],
        ),
        kubeVersion: behaviourVersion(options.kubeVersion),
      },
      undefined,
      { percentageOfNodesToScore: options.scoreAllNodes ? 100 : 0 },
    ),
    behaviourVersion(options.kubeVersion),
  );
  return { ...cluster, placedWorkloads: placed };
}
