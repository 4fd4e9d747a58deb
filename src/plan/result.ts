/** The plan as reported: the JSON shape (planToJson) and what the text renderer reads. */
import type { Finding } from '../core/types.js';
import type { VolumeClaimReport, WorkloadReport } from './controllers/context.js';
import type { IngressReport } from './ingress.js';
import type { ServiceReport } from './services.js';
import type { NodeExplain } from './scheduler/types.js';

export interface NodeReport {
  name: string;
  zone: string | null;
  /** status.allocatable, printed as Kubernetes quantities ("4", "16Gi", "110"). */
  allocatable: Record<string, string>;
  /** Sum of the requests of the pods bound to the node (planned and running), same units; `pods` is a count. */
  requested: Record<string, string>;
  /** Planned pods placed on the node. */
  pods: string[];
  /** Pods from the cluster snapshot running on the node, as namespace/name. */
  running: string[];
  /** spec.taints, when there are any (the HTML report marks them; not part of the JSON). */
  taints?: Array<{ key: string; value: string; effect: string }>;
  /** true when spec.unschedulable: the node is cordoned (not part of the JSON). */
  unschedulable?: boolean;
}

export interface PodReport {
  name: string;
  namespace: string;
  owner: { kind: string; name: string } | null;
  workload: { kind: string; name: string };
  node: string | null;
  reason?: string;
  /** The controller has not created the pod yet (StatefulSet OrderedReady waiting for an earlier ordinal). */
  notCreated?: boolean;
  priority: number;
  labels: Record<string, string>;
  dns?: string;
  /** What the pod requests on its node (PodRequests), as quantities; absent when it was not read (not part of the JSON). */
  requests?: Record<string, string>;
}

/** A pod evicted to make room (preemption), and where the pod its controller re-creates ends up. */
export interface EvictionReport {
  /** namespace/name of the evicted pod. */
  pod: string;
  node: string;
  /** Why, e.g. "preempted by default/critical-0 (priority 1000000)". */
  cause: string;
  /** The evicted pod's controller; null for a bare pod (nothing re-creates it). */
  owner: { kind: string; name: string } | null;
  /** The re-created pod and its outcome; null when nothing re-creates it. */
  replacement: { name: string; node: string | null; reason?: string } | null;
}

/** The answers of the what-if options (--drain, --fail-zone, --headroom). */
export interface WhatIfReport {
  drains: Array<{
    node: string;
    /** namespace/name of the pods evicted, in order. */
    evicted: string[];
    /** Pods whose eviction the API refused for good (a PodDisruptionBudget), with the refusal. */
    blocked: Array<{ pod: string; reason: string }>;
    /** Pods the drain leaves in place (DaemonSet-managed). */
    ignored: Array<{ pod: string; reason: string }>;
    /** Why kubectl drain stopped before evicting anything (pods without a controller). */
    error?: string;
  }>;
  failedZones: Array<{
    zone: string;
    nodes: string[];
    lost: Array<{ pod: string; node: string; recreated: boolean; why?: string }>;
  }>;
  /** Re-created pods left without a node, with the scheduler's message. */
  pending: Array<{ pod: string; reason: string }>;
  /** namespace/name of the Services that had endpoints before and have none after. */
  servicesWithoutEndpoints: string[];
  headroom?: {
    workload: string;
    /** More replicas that fit, one by one, without evicting anything. */
    fits: number;
    /** The search stopped at its limit (MAX_HEADROOM) before a replica failed. */
    atLeast?: boolean;
    /** The FailedScheduling message of the first replica that did not fit. */
    reason: string | null;
  };
}

export interface CronJobReport {
  namespace: string;
  name: string;
  schedule: string;
  timeZone: string | null;
  suspend: boolean;
  /** The next three run times after `now`: the instant (UTC) and the wall clock in timeZone. */
  next: Array<{ time: string; local: string }>;
  error?: string;
}

export interface ExplainReport {
  pod: string;
  namespace: string | null;
  found: boolean;
  node: string | null;
  reason?: string;
  note?: string;
  nodes: NodeExplain[];
}

export interface PlanResult {
  cluster: { source: string; description: string; nodes: NodeReport[] };
  settings: {
    seed: string;
    now: string;
    defaultNamespace: string;
    tieBreak: string;
    /** How many nodes each pod's filtering evaluates (kube-scheduler's numFeasibleNodesToFind), in words. */
    nodeSampling: string;
    /** The Kubernetes minor whose behaviour (feature-gate defaults, scheduler changes) the plan follows. */
    kubeVersion: string;
  };
  pods: PodReport[];
  workloads: WorkloadReport[];
  volumeClaims: VolumeClaimReport[];
  services: ServiceReport[];
  ingresses: IngressReport[];
  cronJobs: CronJobReport[];
  /** Pods evicted by preemption (empty when none). */
  evictions: EvictionReport[];
  /** `unschedulable` counts pods the scheduler left Pending; `notCreated` (when any) pods a controller holds back. */
  summary: { pods: number; scheduled: number; unschedulable: number; notCreated?: number };
  findings: Finding[];
  explain?: ExplainReport;
  whatIf?: WhatIfReport;
}
