/** The rollout plan as reported (JSON shape) and the interface every simulated controller implements. */
import type { SimPod } from './pods.js';

export interface RolloutEvent {
  action: 'scale' | 'create' | 'delete';
  /** Deployment events name the ReplicaSet they scale. */
  replicaSet?: string;
  /** StatefulSet and DaemonSet events name the pod they create or delete. */
  pod?: string;
  /** Deployment: spec.replicas summed over the old ReplicaSets; StatefulSet: pods at the current (old) revision. */
  old: number;
  /** Deployment: spec.replicas of the new ReplicaSet; StatefulSet: pods at the update revision. */
  new: number;
  /** Available pods of the workload after this event. */
  available: number;
  /** The controller's own words. */
  message: string;
  /** How many readiness waves had passed when the controller did this (0 = right after the change was applied). */
  wave: number;
  /** Pods of this workload left Pending by the scheduler after this event. */
  pending: number;
}

export interface Rollout {
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet';
  namespace: string;
  name: string;
  /** RollingUpdate / Recreate (Deployment), RollingUpdate / OnDelete (StatefulSet, DaemonSet). */
  strategy: string;
  /** `template`: the pod template changed (a rollout); `replicas`: only the scale changed. */
  cause: 'template' | 'replicas';
  replicas: { old: number; new: number };
  /** The old and new ReplicaSet names (Deployment) or ControllerRevision names (StatefulSet); equal when only replicas changed. */
  revisions: { old: string; new: string };
  /** The resolved limits the controller worked with (Deployment: maxSurge/maxUnavailable; StatefulSet: partition/maxUnavailable). */
  limits: Record<string, number>;
  events: RolloutEvent[];
  /** Most pods of this workload that existed at once (Pending ones included). */
  peakPods: number;
  /** Fewest available pods at any point. */
  minAvailable: number;
  /** Why the rollout cannot finish, or null. */
  stalled: string | null;
  /** Anything else a reader must know (paused Deployment, OnDelete). */
  note: string | null;
}

/** Readiness waves passed so far, shared by every controller of one simulation. */
export interface Clock {
  wave: number;
}

/** One workload's controller in the simulation. */
export interface WorkloadSim {
  readonly rollout: Rollout;
  /** Runs one controller sync; true if it changed anything. */
  sync(): boolean;
  /** The pods this workload owns right now. */
  pods(): SimPod[];
  /** True once the controller's target state is reached. */
  done(): boolean;
  /** Why it is not done (called when the simulation can make no more progress). */
  blockedReason(): string;
}
