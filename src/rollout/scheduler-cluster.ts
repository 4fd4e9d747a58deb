/**
 * The planner's kube-scheduler (src/plan/scheduler) behind the rollout's Cluster interface: each new pod is
 * turned into the scheduler's SchedPod (template defaulted, requests from limits, controller labels) and
 * scheduled on the live ClusterState, where old pods hold their room until they are deleted.
 */
import type { ClusterModel } from '../plan/cluster.js';
import { defaultPodRequestsFromLimits, defaultPodTemplate } from '../plan/defaults.js';
import { compileLabelSelector } from '../plan/labels.js';
import type { SchedulerEnv } from '../plan/scheduler/framework.js';
import { buildSchedPod } from '../plan/scheduler/pod-info.js';
import { Scheduler } from '../plan/scheduler/scheduler.js';
import { ClusterState } from '../plan/scheduler/state.js';
import type { SchedPod } from '../plan/scheduler/types.js';
import { clone, obj } from '../plan/util.js';
import type { Cluster, PodRequest } from './cluster.js';

/** Adapts a Scheduler (and the ClusterState it binds to) to the rollout simulation. */
export function schedulerCluster(scheduler: Scheduler): Cluster {
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
    defaultPodRequestsFromLimits(spec);
    const owner = req.ownerSelector === undefined ? null : compileLabelSelector(req.ownerSelector);
    pod = buildSchedPod({ name: req.name, namespace: req.namespace, labels: req.labels, spec, ownerSelector: owner?.ok ? owner.selector : null }).pod;
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

/**
 * A rollout cluster from the planner's cluster model (`--cluster` file or the built-in default): its nodes, with
 * the pods already running in the snapshot bound where they run.
 */
export function rolloutCluster(model: ClusterModel, env: SchedulerEnv = { services: [] }): Cluster {
  const state = new ClusterState(model.nodes);
  for (const p of model.pods) {
    if (!state.node(p.nodeName)) continue;
    const { pod } = buildSchedPod({ name: p.name, namespace: p.namespace, labels: p.labels, spec: p.spec, ...(p.priority !== undefined ? { priority: p.priority } : {}) });
    state.add(pod, p.nodeName);
  }
  return schedulerCluster(new Scheduler(state, env));
}
