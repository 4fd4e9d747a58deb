/**
 * Change plans: what `kubectl apply` of the new manifests would change relative to the old ones, and how
 * each Deployment / StatefulSet whose pods change gets there, step by step, as its controller would do it.
 */
import { sortFindings } from '../core/findings.js';
import type { Finding, JsonPath, Manifest } from '../core/types.js';
import { isKind } from '../rules/kinds.js';
import { diffPair, pairObjects, type Change, type ObjectPair } from './changes.js';
import type { Cluster } from './cluster.js';
import type { Rollout } from './model.js';
import { defaultPodTemplate } from '../plan/defaults.js';
import { canonicalJson } from '../plan/hash.js';
import { defaultNaming, simulateRollouts, type Naming, type WorkloadChange } from './rollouts.js';
import { readWorkload, type WorkloadSpec } from './workload.js';

export type { Change } from './changes.js';
export type { Cluster, Placement, PodRequest } from './cluster.js';
export { slotCluster, unlimitedCluster } from './cluster.js';
export type { Rollout, RolloutEvent } from './model.js';
export { renderChangesText, type RenderOptions } from './render.js';
export { defaultNaming, type Naming } from './rollouts.js';

export interface PlanChangesOptions {
  /** Namespace of objects that name none (default "default"). */
  defaultNamespace?: string;
  /** Seed for generated pod names (default "kubeplan"). */
  seed?: string;
  /** Where new pods are scheduled (old pods of the changed workloads are placed first); default: unlimited room. */
  cluster?: Cluster;
  /** Overrides the ReplicaSet / revision / pod naming. */
  naming?: Naming;
}

export interface ChangesResult {
  changes: Change[];
  rollouts: Rollout[];
  findings: Finding[];
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet'] as const;

/** Pods simulated in one plan, all workloads together (max(old, new) replicas each); later workloads beyond it are skipped. */
export const MAX_SIMULATED_PODS = 20_000;

export function planChanges(oldManifests: Manifest[], newManifests: Manifest[], options: PlanChangesOptions = {}): ChangesResult {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const { pairs, findings } = pairObjects(oldManifests, newManifests, defaultNamespace);
  const changes: Change[] = [];
  const workloads: { change: WorkloadChange; manifest: Manifest }[] = [];
  let budget = MAX_SIMULATED_PODS;
  for (const pair of pairs) {
    const change = diffPair(pair);
    if (!change) continue;
    changes.push(change);
    const workload = rolloutCandidate(pair, defaultNamespace, findings);
    if (!workload) continue;
    const pods = Math.max(workload.change.old.replicas, workload.change.new.replicas);
    if (pods > budget) {
      findings.push(skipped(workload.manifest, ['spec', 'replicas'], `this plan already simulates ${MAX_SIMULATED_PODS - budget} pods (limit ${MAX_SIMULATED_PODS})`));
      continue;
    }
    budget -= pods;
    workloads.push(workload);
  }
  const rollouts = simulateRollouts(
    workloads.map((w) => w.change),
    { ...(options.cluster ? { cluster: options.cluster } : {}), naming: options.naming ?? defaultNaming(options.seed) },
  );
  rollouts.forEach((r, i) => {
    if (r.stalled === null) return;
    const m = workloads[i]!.manifest;
    findings.push({
      ruleId: 'rollout/stalled',
      severity: 'error',
      message: `the rollout of ${r.kind} ${r.namespace}/${r.name} stalls: ${r.stalled}`,
      file: m.file,
      ...m.locate(['spec', 'template'], 'key'),
      object: { ...m.ref },
    });
  });
  return { changes, rollouts, findings: sortFindings(findings) };
}

/** A changed Deployment or StatefulSet whose pod template or replica count changed, read with defaults. */
function rolloutCandidate(pair: ObjectPair, defaultNamespace: string, findings: Finding[]): { change: WorkloadChange; manifest: Manifest } | null {
  const { old, new: next } = pair;
  if (!old || !next) return null;
  const kind = WORKLOAD_KINDS.find((k) => isKind(old, k) && isKind(next, k));
  if (!kind) return null;
  const a = readSide(old, defaultNamespace, findings);
  const b = readSide(next, defaultNamespace, findings);
  if (!a || !b) return null;
  // FindNewReplicaSet compares API-server-defaulted templates: spelling out a default is not a change.
  if (a.replicas === b.replicas && canonicalJson(defaultPodTemplate(a.template)) === canonicalJson(defaultPodTemplate(b.template))) return null;
  return { change: { old: a, new: b }, manifest: next };
}

function readSide(m: Manifest, defaultNamespace: string, findings: Finding[]): WorkloadSpec | null {
  const read = readWorkload(m.object, defaultNamespace);
  if (read.ok) return read.spec;
  findings.push(skipped(m, read.problem.path, read.problem.message));
  return null;
}

function skipped(m: Manifest, path: JsonPath, why: string): Finding {
  return {
    ruleId: 'rollout/skipped',
    severity: 'warning',
    message: `no rollout plan for ${m.ref.kind} ${m.ref.name ?? ''}: ${why}`.replace(/ {2}/g, ' '),
    file: m.file,
    ...m.locate(path, 'value'),
    object: { ...m.ref },
  };
}
