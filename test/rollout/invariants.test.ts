/**
 * Property tests over generated workloads: the controllers' guarantees hold on every step, rollouts with room
 * always finish, and a capacity-starved one either finishes or names why it stalled.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slotCluster } from '../../src/rollout/cluster.js';
import { deployment, expectDeploymentInvariants, expectStatefulSetInvariants, roll, statefulSet } from './helpers.js';

const intOrPercent = fc.oneof(
  fc.integer({ min: 0, max: 12 }),
  fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`),
);
const RUNS = { numRuns: 200, seed: 7 };

describe('Deployment invariants', () => {
  it('hold for any replicas / maxSurge / maxUnavailable, and the rollout finishes when everything fits', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 25 }),
        intOrPercent,
        intOrPercent,
        fc.boolean(),
        (replicas, maxSurge, maxUnavailable, recreate) => {
          const strategy = recreate
            ? { type: 'Recreate' }
            : { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } };
          const r = roll(deployment(replicas, 'api:1', strategy), deployment(replicas, 'api:2', strategy));
          expectDeploymentInvariants(r, replicas);
          expect(r.stalled).toBeNull();
          // each wave moves at least one pod over, so a rollout never needs more than replicas + 1 waves
          expect(r.events.at(-1)?.wave ?? 0).toBeLessThanOrEqual(replicas + 1);
          expect(roll(deployment(replicas, 'api:1', strategy), deployment(replicas, 'api:2', strategy))).toEqual(r);
        },
      ),
      RUNS,
    );
  });

  it('hold when replicas change together with the template', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        intOrPercent,
        intOrPercent,
        (from, to, maxSurge, maxUnavailable) => {
          const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } };
          const r = roll(deployment(from, 'api:1', strategy), deployment(to, 'api:2', strategy));
          expectDeploymentInvariants(r, to);
          expect(r.stalled).toBeNull();
        },
      ),
      RUNS,
    );
  });

  it('hold with limited room; a stall always carries the scheduler reason', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 4 }),
        intOrPercent,
        intOrPercent,
        (replicas, spare, maxSurge, maxUnavailable) => {
          const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } };
          const r = roll(
            deployment(replicas, 'api:1', strategy),
            deployment(replicas, 'api:2', strategy),
            slotCluster(replicas + spare),
          );
          expectDeploymentInvariants(r, replicas);
          if (r.stalled !== null) expect(r.stalled).toMatch(/is Pending: 0\/1 nodes are available/);
          // with no spare room the rollout can only proceed by giving up availability first
          if (spare === 0 && r.limits.maxUnavailable === 0) expect(r.stalled).not.toBeNull();
          if (spare >= r.limits.maxSurge!) expect(r.stalled).toBeNull();
        },
      ),
      RUNS,
    );
  });
});

describe('StatefulSet invariants', () => {
  it('never update below the partition, keep availability, and finish', () => {
    const strategy = fc.oneof(
      fc.constant({ type: 'OnDelete' }),
      fc
        .record({
          partition: fc.integer({ min: 0, max: 12 }),
          maxUnavailable: fc.option(intOrPercent, { nil: undefined }),
        })
        .map((ru) => ({ type: 'RollingUpdate', rollingUpdate: ru })),
    );
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 }),
        fc.integer({ min: 0, max: 10 }),
        strategy,
        fc.boolean(),
        (from, to, updateStrategy, parallel) => {
          const extra = { updateStrategy, ...(parallel ? { podManagementPolicy: 'Parallel' } : {}) };
          const r = roll(statefulSet(from, 'kv:1', extra), statefulSet(to, 'kv:2', extra));
          expectStatefulSetInvariants(r, to);
          expect(r.stalled).toBeNull();
          if (from === to)
            expectStatefulSetInvariants(roll(statefulSet(to, 'kv:1', extra), statefulSet(to, 'kv:2', extra)), to);
        },
      ),
      RUNS,
    );
  });
});
