/** What every controller gets: naming, ordering, priorities, the nodes, and a way to skip an invalid object. */
import type { Finding, JsonPath, Manifest } from '../../core/types.js';
import type { NameGenerator } from '../../k8s/pod-template-hash.js';
import type { Selector } from '../../k8s/label-selector.js';
import type { PlannedPod } from '../pod.js';
import type { SchedNode } from '../scheduler/types.js';
import type { ClaimDecision } from '../scheduler/volume-state.js';

import type { RuntimeClassInfo } from './runtime-class.js';

export interface WorkloadReport {
  kind: string;
  namespace: string;
  name: string;
  replicas: number;
  replicaSets: Array<{ name: string; replicas: number }>;
  pods: string[];
  /** One-line facts (strategy, policy, paused, suspended …). */
  notes: string[];
  /** StatefulSet: the governing Service; pods get DNS names under it. */
  serviceName?: string;
}

export interface VolumeClaimReport {
  name: string;
  namespace: string;
  owner: { kind: string; name: string };
  storageClassName: string | null;
  storage: string | null;
  accessModes: string[];
  /** What the volume binding decided (VolumeBinding plugin / PV controller), when the plan could tell. */
  binding?: ClaimDecision;
}

export interface Expansion {
  report: WorkloadReport;
  pods: PlannedPod[];
  claims: VolumeClaimReport[];
}

export interface ExpandContext {
  defaultNamespace: string;
  /** The Kubernetes minor ("1.33") whose API server and controllers are modelled. */
  kubeVersion: string;
  names: NameGenerator;
  nodes: readonly SchedNode[];
  /** Next creation-order number. */
  nextOrder(): number;
  /** Resolves spec.priorityClassName (PriorityClass objects in the inputs, built-ins, globalDefault). */
  priorityOf(className: string | undefined): { value: number } | { error: string };
  /** The RuntimeClass spec.runtimeClassName names (none for no name), or why it is unknown. */
  runtimeClassOf(runtimeClassName: string | undefined): { runtimeClass?: RuntimeClassInfo } | { error: string };
  /** Records a `plan/skipped` warning; the workload is not expanded. */
  skip(manifest: Manifest, path: JsonPath, message: string): void;
  /**
   * Takes `count` pods from the plan-wide budget (MAX_PLANNED_PODS), or, when they do not fit, records a
   * `plan/skipped` finding at `path` and returns false: `replicas: 2147483647` must not exhaust memory.
   */
  claimPods(manifest: Manifest, path: JsonPath, count: number): boolean;
  findings: Finding[];
}

export type Controller = (ctx: ExpandContext, manifest: Manifest) => Expansion | null;

export type { Selector };
