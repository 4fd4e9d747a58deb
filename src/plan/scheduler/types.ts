/** The scheduler's view of nodes and pods: parsed once, so each filter and score is cheap arithmetic. */
import type { Labels, Selector } from '../../k8s/label-selector.js';
import type { NodeSelector, NodeTerm } from '../node-selector.js';
import type { Diagnosis } from './framework.js';

/** Resource amounts in the scheduler's units: cpu in millicores, everything else in whole units (bytes, count). */
export type Resources = Record<string, number>;

export interface Taint {
  key: string;
  value: string;
  effect: string;
}

export interface Toleration {
  key: string;
  /** "Exists" or "Equal" ("" is read as Equal). */
  operator: string;
  value: string;
  /** "" tolerates every effect. */
  effect: string;
}

export interface SchedNode {
  name: string;
  labels: Labels;
  taints: Taint[];
  unschedulable: boolean;
  /** status.allocatable; `pods` is the pod-count limit. */
  allocatable: Resources;
  /** status.images: every listed name → size in bytes. */
  images: Map<string, number>;
}

export interface HostPort {
  /** "0.0.0.0" when unset. */
  ip: string;
  protocol: string;
  port: number;
}

/** A pod affinity term with its namespaces resolved (framework.AffinityTerm). */
export interface AffinityTerm {
  selector: Selector;
  /** Namespaces named by the term (or the owning pod's own namespace when neither list nor selector is given). */
  namespaces: Set<string>;
  /** namespaceSelector; `{}` selects every namespace. */
  namespaceSelector: Selector | null;
  topologyKey: string;
  /** Preferred terms' weight (1–100); 0 for required terms. */
  weight: number;
}

export interface SpreadConstraint {
  maxSkew: number;
  topologyKey: string;
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway';
  /** labelSelector AND the pod's own values for matchLabelKeys; null means "matches nothing" (no labelSelector). */
  selector: Selector | null;
  minDomains: number;
  /** nodeAffinityPolicy: Honor (default) counts only nodes matching the pod's node affinity/selector. */
  honorNodeAffinity: boolean;
  /** nodeTaintsPolicy: Ignore (default); Honor counts only nodes whose taints the pod tolerates. */
  honorNodeTaints: boolean;
}

/** Everything the scheduler needs from one pod, precomputed. */
export interface SchedPod {
  name: string;
  namespace: string;
  labels: Labels;
  /** spec.nodeName set before scheduling (the pod bypasses the scheduler). */
  nodeName: string | null;
  priority: number;
  /** spec.preemptionPolicy (from its PriorityClass by the Priority admission plugin); absent = PreemptLowerPriority. */
  preemptionPolicy?: 'Never' | 'PreemptLowerPriority';
  /** status.startTime (epoch ms) of a running pod; absent = not started yet (util.GetPodStartTime: "now"). */
  startTime?: number;
  /** What the pod uses on its node: PodRequests (containers, init containers, sidecars, overhead). */
  requests: Resources;
  /** cpu/memory with the scoring defaults (100m, 200Mi) for containers that omit them. */
  nonZeroCpu: number;
  nonZeroMemory: number;
  hostPorts: HostPort[];
  tolerations: Toleration[];
  nodeSelector: Labels;
  requiredNodeAffinity: NodeSelector | null;
  preferredNodeAffinity: Array<{ weight: number; term: NodeTerm }>;
  spreadConstraints: SpreadConstraint[];
  requiredAffinity: AffinityTerm[];
  requiredAntiAffinity: AffinityTerm[];
  preferredAffinity: AffinityTerm[];
  preferredAntiAffinity: AffinityTerm[];
  /** Container and init-container images, normalised (`:latest` added when untagged) for ImageLocality. */
  images: string[];
  containerCount: number;
  /** Selector of the controlling ReplicaSet / StatefulSet / ReplicationController (for the default spreading). */
  ownerSelector: Selector | null;
  schedulingGates: string[];
}

/** Per-node verdict and scores for `--explain`. */
export interface NodeExplain {
  node: string;
  /** null when the node passed every filter. */
  failedPlugin: string | null;
  reasons: string[];
  /** Present when the node was scored: plugin → raw, normalised and weighted score. */
  scores?: Record<string, { raw: number; normalized: number; weighted: number }>;
  total?: number;
}

export interface ScheduleResult {
  node: string | null;
  /** kube-scheduler's FailedScheduling message when node is null. */
  reason?: string;
  /** Why no node fits (per-node statuses with plugin names and structured data), when filtering failed. */
  diagnosis?: Diagnosis;
  /** A node a PostFilter plugin (preemption) made room on; the pod is not bound this cycle. */
  nominatedNode?: string;
  /** The pods to evict from nominatedNode (preemption victims, most important first). */
  victims?: SchedPod[];
  explain?: { nodes: NodeExplain[]; note?: string };
}
