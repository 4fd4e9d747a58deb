/** Builds one controller simulation per changed workload and runs them together on one cluster. */
import { unlimitedCluster, type Cluster } from './cluster.js';
import { DeploymentSim, type StartingReplicaSet } from './deployment.js';
import type { Rollout, WorkloadSim } from './model.js';
import { defaultPodTemplate } from '../k8s/defaults.js';
import { computeHash, controllerRevisionHash, NameGenerator } from '../k8s/pod-template-hash.js';
import { PodPool } from './pods.js';
import { runSimulation } from './simulate.js';
import { StatefulSetSim } from './statefulset.js';
import { DaemonSetSim } from './daemonset.js';
import type { WorkloadSpec } from './workload.js';

/** How ReplicaSets, revisions and pods are named. */
export interface Naming {
  /** pod-template-hash of a Deployment's pod template (as written; defaulting is the naming's business). */
  podTemplateHash(template: Record<string, unknown>): string;
  /** A new pod name for a ReplicaSet or DaemonSet (generateName `<owner>-`). */
  podName(namespace: string, replicaSet: string): string;
  /** ControllerRevision name of a StatefulSet's pod template. */
  revisionName(set: string, template: Record<string, unknown>): string;
}

/**
 * The planner's naming (src/plan/hash.ts), so a rollout names ReplicaSets and pods as the plan does: hashes of the
 * API-server-defaulted template (controller.ComputeHash / history.HashControllerRevision stand-ins) and
 * seeded generateName suffixes.
 */
export function defaultNaming(seed = 'kubeplan'): Naming {
  const names = new NameGenerator(seed);
  return {
    podTemplateHash: (template) => computeHash(defaultPodTemplate(template)),
    podName: (namespace, rs) => names.generate(namespace, `${rs}-`),
    revisionName: (set, template) => `${set}-${controllerRevisionHash(defaultPodTemplate(template))}`,
  };
}

export interface WorkloadChange {
  old: WorkloadSpec;
  new: WorkloadSpec;
  /** Deployment: the ReplicaSets it already has (from the --cluster snapshot); absent → the old spec, settled. */
  start?: StartingReplicaSet[];
}

export interface SimulateOptions {
  /** Where new pods are scheduled; default: everything fits. */
  cluster?: Cluster;
  naming?: Naming;
}

/** Runs every workload's controller from its old settled state to the new spec; one Rollout each, in input order. */
export function simulateRollouts(changes: WorkloadChange[], options: SimulateOptions = {}): Rollout[] {
  const naming = options.naming ?? defaultNaming();
  const pool = new PodPool(options.cluster ?? unlimitedCluster());
  const clock = { wave: 0 };
  const sims: WorkloadSim[] = [];
  for (const c of changes) {
    if (c.old.kind === 'Deployment' && c.new.kind === 'Deployment') {
      sims.push(
        new DeploymentSim(
          c.old,
          c.new,
          pool,
          clock,
          { hash: naming.podTemplateHash, podName: naming.podName },
          c.start,
        ),
      );
    } else if (c.old.kind === 'StatefulSet' && c.new.kind === 'StatefulSet') {
      sims.push(new StatefulSetSim(c.old, c.new, pool, clock, { revision: naming.revisionName }));
    } else if (c.old.kind === 'DaemonSet' && c.new.kind === 'DaemonSet') {
      sims.push(
        new DaemonSetSim(
          c.old,
          c.new,
          pool,
          clock,
          { revision: naming.revisionName, podName: naming.podName },
          options.cluster,
        ),
      );
    }
  }
  runSimulation(sims, pool, clock);
  return sims.map((s) => s.rollout);
}
