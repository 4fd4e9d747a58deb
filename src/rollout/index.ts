/**
 * Change plans: what `kubectl apply` of the new manifests would change relative to the old ones, and how
 * each Deployment / StatefulSet whose pods change gets there, step by step, as its controller would do it.
 */
import { behaviourVersion } from '../k8s/behaviour.js';
import { sortFindings } from '../core/findings.js';
import type { Finding, JsonPath, Manifest } from '../core/types.js';
import { isKind } from '../k8s/kinds.js';
import { diffPair, pairObjects, type Change, type ObjectPair } from './changes.js';
import type { Cluster } from './cluster.js';
import type { Rollout } from './model.js';
import { defaultPodTemplate, namespaceOf } from '../k8s/defaults.js';
import { obj } from '../core/values.js';
import { canonicalJson } from '../k8s/pod-template-hash.js';
import { defaultNaming, simulateRollouts, type Naming, type WorkloadChange } from './rollouts.js';
export { rolloutCluster, schedulerCluster } from './scheduler-cluster.js';
import { startingReplicaSets } from './snapshot.js';
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
  /**
   * The --cluster snapshot: a Deployment's ReplicaSets there (controller ownerReference) are its starting state,
   * so the plan can start mid-rollout.
   */
  snapshot?: Manifest[];
  /** The Kubernetes minor whose controllers are modelled (--kube-version); default the newest supported. */
  kubeVersion?: string;
}

export interface ChangesResult {
  /** The Kubernetes minor whose behaviour the rollouts follow ("1.36"). */
  kubeVersion: string;
  changes: Change[];
  rollouts: Rollout[];
  findings: Finding[];
}

const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;

/** Pods simulated in one plan, all workloads together (max(old, new) replicas each); later workloads beyond it are skipped. */
export const MAX_SIMULATED_PODS = 20_000;

export function planChanges(
  oldManifests: Manifest[],
  newManifests: Manifest[],
  options: PlanChangesOptions = {},
): ChangesResult {
  const defaultNamespace = options.defaultNamespace ?? 'default';
  const kubeVersion = behaviourVersion(options.kubeVersion);
  const { pairs, findings } = pairObjects(oldManifests, newManifests, defaultNamespace);
  const changes: Change[] = [];
  const candidates: Simulated[] = [];
  for (const pair of pairs) {
    const change = diffPair(pair);
    if (change) changes.push(change);
    const rollout = change ? rolloutCandidate(pair, defaultNamespace, kubeVersion, findings) : null;
    const alreadyPlaced = options.cluster?.placedWorkloads?.has(workloadKey(pair, defaultNamespace)) === true;
    const bystander =
      !rollout && options.cluster && !alreadyPlaced ? background(pair, defaultNamespace, kubeVersion) : null;
    const w = rollout ?? bystander;
    if (w) candidates.push(w);
  }
  // The pod budget goes to reported rollouts first, then to bystanders; the simulation keeps the plan's order.
  let budget = MAX_SIMULATED_PODS;
  const admitted = new Set<Simulated>();
  for (const w of [...candidates.filter((c) => c.reported), ...candidates.filter((c) => !c.reported)]) {
    const pods = Math.max(w.change.old.replicas, w.change.new.replicas);
    if (pods <= budget) {
      budget -= pods;
      admitted.add(w);
    } else if (w.reported) {
      findings.push(
        skipped(
          w.manifest,
          ['spec', 'replicas'],
          `this plan already simulates ${MAX_SIMULATED_PODS - budget} pods (limit ${MAX_SIMULATED_PODS})`,
        ),
      );
    }
  }
  const sims = candidates.filter((c) => admitted.has(c));
  if (options.snapshot)
    for (const w of sims) {
      const { kind, namespace, name } = w.change.old;
      if (kind !== 'Deployment') continue;
      const start = startingReplicaSets(options.snapshot, namespace, name, defaultNamespace);
      if (start.length > 0) w.change.start = start;
    }
  const simulated = simulateRollouts(
    sims.map((w) => w.change),
    { ...(options.cluster ? { cluster: options.cluster } : {}), naming: options.naming ?? defaultNaming(options.seed) },
  );
  const rollouts: Rollout[] = [];
  simulated.forEach((r, i) => {
    const w = sims[i]!;
    if (!w.reported) return;
    rollouts.push(r);
    if (r.stalled === null) return;
    findings.push({
      ruleId: 'rollout/stalled',
      severity: 'error',
      message: `the rollout of ${r.kind} ${r.namespace}/${r.name} stalls: ${r.stalled}`,
      file: w.manifest.file,
      ...w.manifest.locate(['spec', 'template'], 'key'),
      object: { ...w.manifest.ref },
    });
  });
  return { kubeVersion, changes, rollouts, findings: sortFindings(findings) };
}

/** `kind/namespace/name` of a pair's object (the new side's, else the old side's). */
function workloadKey(pair: ObjectPair, defaultNamespace: string): string {
  const m = (pair.new ?? pair.old)!;
  return `${String(m.object.kind)}/${namespaceOf(m.object, defaultNamespace)}/${String(obj(m.object.metadata).name)}`;
}

/**
 * The Deployments, StatefulSets and DaemonSets a change plan must simulate (`kind/namespace/name`): changed, added
 * or removed. The others keep their pods where the planner put them (rolloutCluster's `simulated`).
 */
export function rolloutWorkloads(
  oldManifests: Manifest[],
  newManifests: Manifest[],
  defaultNamespace = 'default',
): Set<string> {
  const out = new Set<string>();
  for (const pair of pairObjects(oldManifests, newManifests, defaultNamespace).pairs) {
    const sides = [pair.old, pair.new].filter((m): m is Manifest => m !== undefined);
    if (!sides.some((m) => WORKLOAD_KINDS.some((k) => isKind(m, k)))) continue;
    if (pair.old && pair.new && diffPair(pair) === null) continue;
    out.add(workloadKey(pair, defaultNamespace));
  }
  return out;
}

/** A workload in the simulation: reported (its rollout is the point) or a bystander that only takes up room. */
interface Simulated {
  change: WorkloadChange;
  manifest: Manifest;
  reported: boolean;
}

/** A changed Deployment or StatefulSet whose pod template or replica count changed, read with defaults. */
function rolloutCandidate(
  pair: ObjectPair,
  defaultNamespace: string,
  kubeVersion: string,
  findings: Finding[],
): Simulated | null {
  const { old, new: next } = pair;
  if (!old || !next) return null;
  const kind = WORKLOAD_KINDS.find((k) => isKind(old, k) && isKind(next, k));
  if (!kind) return null;
  const a = readSide(old, defaultNamespace, kubeVersion, findings);
  const b = readSide(next, defaultNamespace, kubeVersion, findings);
  if (!a || !b) return null;
  // FindNewReplicaSet compares API-server-defaulted templates: spelling out a default is not a change.
  if (
    a.replicas === b.replicas &&
    canonicalJson(defaultPodTemplate(a.template)) === canonicalJson(defaultPodTemplate(b.template))
  )
    return null;
  return { change: { old: a, new: b }, manifest: next, reported: true };
}

/**
 * Every other Deployment / StatefulSet still takes up room on the cluster while the rollouts run: unchanged ones
 * keep their pods, added ones scale up from 0 and removed ones down to 0, in the same simulation.
 */
function background(pair: ObjectPair, defaultNamespace: string, kubeVersion: string): Simulated | null {
  const sides = [pair.old, pair.new].filter((m): m is Manifest => m !== undefined);
  if (!sides.every((m) => WORKLOAD_KINDS.some((k) => isKind(m, k)))) return null;
  const read = sides.map((m) => readWorkload(m.object, defaultNamespace, kubeVersion));
  if (!read.every((r) => r.ok)) return null;
  const specs = read.map((r) => (r as { spec: WorkloadSpec }).spec);
  const old = pair.old ? specs[0]! : { ...specs[0]!, replicas: 0 };
  const next = pair.new ? specs.at(-1)! : { ...specs[0]!, replicas: 0 };
  if (old.kind !== next.kind) return null;
  return { change: { old, new: next }, manifest: (pair.new ?? pair.old)!, reported: false };
}

function readSide(
  m: Manifest,
  defaultNamespace: string,
  kubeVersion: string,
  findings: Finding[],
): WorkloadSpec | null {
  const read = readWorkload(m.object, defaultNamespace, kubeVersion);
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
