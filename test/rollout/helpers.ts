/** Builders, a compact step notation and the invariants every rollout test asserts. */
import { expect } from 'vitest';
import type { Cluster } from '../../src/rollout/cluster.js';
import type { Rollout } from '../../src/rollout/model.js';
import { simulateRollouts } from '../../src/rollout/rollouts.js';
import { readWorkload } from '../../src/rollout/workload.js';

export function deployment(
  replicas: number | undefined,
  image: string,
  strategy?: unknown,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'api', namespace: 'prod' },
    spec: {
      ...(replicas === undefined ? {} : { replicas }),
      ...(strategy === undefined ? {} : { strategy }),
      selector: { matchLabels: { app: 'api' } },
      template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image }] } },
      ...extra,
    },
  };
}

export function statefulSet(
  replicas: number,
  image: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'kv', namespace: 'prod' },
    spec: {
      replicas,
      serviceName: 'kv',
      selector: { matchLabels: { app: 'kv' } },
      template: { metadata: { labels: { app: 'kv' } }, spec: { containers: [{ name: 'kv', image }] } },
      ...extra,
    },
  };
}

/** Simulates one workload change through the public simulation entry point. */
export function roll(oldObj: Record<string, unknown>, newObj: Record<string, unknown>, cluster?: Cluster): Rollout {
  const a = readWorkload(oldObj, 'default');
  const b = readWorkload(newObj, 'default');
  if (!a.ok || !b.ok) throw new Error(`invalid test workload: ${JSON.stringify(a.ok ? b : a)}`);
  const [rollout] = simulateRollouts([{ old: a.spec, new: b.spec }], cluster ? { cluster } : {});
  return rollout!;
}

/**
 * The events in a compact notation: Deployment `new→2` / `old→3`, StatefulSet `-kv-3` / `+kv-3`,
 * with `~` wherever a readiness wave passed between two events.
 */
export function steps(r: Rollout): string[] {
  const out: string[] = [];
  let wave = 0;
  for (const e of r.events) {
    for (; wave < e.wave; wave++) out.push('~');
    if (e.action === 'scale')
      out.push(`${e.replicaSet === r.revisions.new ? 'new' : 'old'}→${e.message.replace(/.* to /, '')}`);
    else out.push(`${e.action === 'create' ? '+' : '-'}${e.pod}`);
  }
  return out;
}

/**
 * Deployment invariants (rolling.go): pods never above replicas+maxSurge, availability never pushed below
 * replicas−maxUnavailable by the controller (a step may only lower it when it was already above that
 * floor), and the rollout ends with every replica in the new ReplicaSet.
 */
export function expectDeploymentInvariants(r: Rollout, replicas: number): void {
  const { maxSurge = 0, maxUnavailable = 0 } = r.limits;
  const floor = r.strategy === 'Recreate' ? 0 : replicas - maxUnavailable;
  let prevAvailable = r.replicas.old;
  for (const e of r.events) {
    expect(e.old + e.new, `pods after "${e.message}"`).toBeLessThanOrEqual(
      replicas + (r.strategy === 'Recreate' ? 0 : maxSurge),
    );
    expect(e.available, `available after "${e.message}"`).toBeGreaterThanOrEqual(Math.min(prevAvailable, floor));
    prevAvailable = e.available;
  }
  if (r.replicas.old === replicas) {
    expect(r.peakPods).toBeLessThanOrEqual(replicas + maxSurge);
    expect(r.minAvailable).toBeGreaterThanOrEqual(floor);
  }
  if (r.stalled === null && r.note === null && r.events.length > 0) {
    const last = r.events.at(-1)!;
    expect([last.old, last.new]).toEqual([0, replicas]);
  }
}

/** StatefulSet invariants: nothing below the partition is ever replaced; availability stays within maxUnavailable. */
export function expectStatefulSetInvariants(r: Rollout, replicas: number, start = 0): void {
  const partition = r.limits.partition ?? 0;
  for (const e of r.events) {
    const ordinal = Number(/-(\d+)$/.exec(e.pod ?? '')?.[1]);
    if (e.message.includes('update to revision')) expect(ordinal, e.message).toBeGreaterThanOrEqual(start + partition);
    if (e.action === 'create' && ordinal < start + partition) expect(e.message).toContain(r.revisions.old);
  }
  if (r.replicas.old === replicas && r.cause === 'template' && r.strategy === 'RollingUpdate') {
    expect(r.minAvailable).toBeGreaterThanOrEqual(replicas - (r.limits.maxUnavailable ?? 1));
    expect(r.peakPods).toBeLessThanOrEqual(replicas);
    if (r.stalled === null && r.events.length > 0) {
      const last = r.events.at(-1)!;
      expect([last.old, last.new]).toEqual([Math.min(replicas, partition), Math.max(0, replicas - partition)]);
    }
  }
}
