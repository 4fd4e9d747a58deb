/**
 * The Deployment arithmetic of `pkg/controller/deployment/util/deployment_util.go`:
 * ResolveFenceposts, MaxSurge, MaxUnavailable and NewRSNewReplicas.
 */
import { scaledValue, type IntOrPercent } from '../k8s/intstr.js';

export interface Fenceposts {
  /** Pods allowed above `replicas` during a rolling update. */
  maxSurge: number;
  /** Pods allowed below `replicas` (already capped at `replicas`, 0 when replicas is 0). */
  maxUnavailable: number;
}

/**
 * `ResolveFenceposts` + `MaxSurge` + `MaxUnavailable`: surge rounds up, unavailable rounds down; if both
 * come out 0, unavailable becomes 1 ("surge might not work due to quota"). MaxUnavailable is then capped at
 * replicas, and is 0 when replicas is 0. Recreate has neither.
 */
export function resolveFenceposts(
  strategy: 'RollingUpdate' | 'Recreate',
  maxSurge: IntOrPercent,
  maxUnavailable: IntOrPercent,
  replicas: number,
): Fenceposts {
  if (strategy !== 'RollingUpdate') return { maxSurge: 0, maxUnavailable: 0 };
  const surge = scaledValue(maxSurge, replicas, true);
  let unavailable = scaledValue(maxUnavailable, replicas, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  if (replicas === 0) unavailable = 0;
  return { maxSurge: surge, maxUnavailable: Math.min(unavailable, replicas) };
}

/** The spec.replicas values `NewRSNewReplicas` looks at. */
export interface ReplicaCounts {
  /** Sum of spec.replicas over every ReplicaSet of the Deployment, the new one included. */
  allReplicas: number;
  /** spec.replicas of the new ReplicaSet. */
  newReplicas: number;
}

/**
 * `NewRSNewReplicas`: how far the new ReplicaSet may be scaled up now.
 * RollingUpdate: up to replicas + maxSurge pods in all, never past replicas. Recreate: replicas.
 */
export function newRSNewReplicas(
  strategy: 'RollingUpdate' | 'Recreate',
  replicas: number,
  surge: number,
  counts: ReplicaCounts,
): number {
  if (strategy === 'Recreate') return replicas;
  const maxTotalPods = replicas + surge;
  if (counts.allReplicas >= maxTotalPods) return counts.newReplicas; // cannot scale up
  const scaleUpCount = Math.min(maxTotalPods - counts.allReplicas, replicas - counts.newReplicas);
  return counts.newReplicas + scaleUpCount;
}
