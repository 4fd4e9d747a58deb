/** Builds one controller simulation per changed workload and runs them together on one cluster. */
import { unlimitedCluster, type Cluster } from './cluster.js';
import { DeploymentSim } from './deployment.js';
import type { Rollout, WorkloadSim } from './model.js';
import { podSuffix, templateHash } from './naming.js';
import { PodPool } from './pods.js';
import { runSimulation } from './simulate.js';
import { StatefulSetSim } from './statefulset.js';
import type { WorkloadSpec } from './workload.js';

/** How ReplicaSets, revisions and pods are named; the planner's naming plugs in here. */
export interface Naming {
  /** pod-template-hash of a Deployment's pod template. */
  podTemplateHash(template: Record<string, unknown>): string;
  /** Name of the n-th pod a ReplicaSet creates. */
  podName(replicaSet: string, n: number): string;
  /** ControllerRevision name of a StatefulSet's pod template. */
  revisionName(set: string, template: Record<string, unknown>): string;
}

export function defaultNaming(seed = 'kubeplan'): Naming {
  return {
    podTemplateHash: (template) => templateHash(template),
    podName: (rs, n) => `${rs}-${podSuffix(seed, rs, n)}`,
    revisionName: (set, template) => `${set}-${templateHash(template)}`,
  };
}

export interface WorkloadChange {
  old: WorkloadSpec;
  new: WorkloadSpec;
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
      sims.push(new DeploymentSim(c.old, c.new, pool, clock, { hash: naming.podTemplateHash, podName: naming.podName }));
    } else if (c.old.kind === 'StatefulSet' && c.new.kind === 'StatefulSet') {
      sims.push(new StatefulSetSim(c.old, c.new, pool, clock, { revision: naming.revisionName }));
    }
  }
  runSimulation(sims, pool, clock);
  return sims.map((s) => s.rollout);
}
