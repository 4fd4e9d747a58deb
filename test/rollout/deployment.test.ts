/**
 * Deployment rollouts, step by step. Every expectation was worked out by hand from
 * pkg/controller/deployment/rolling.go (rolloutRolling → reconcileNewReplicaSet, else reconcileOldReplicaSets)
 * and util/deployment_util.go (ResolveFenceposts, NewRSNewReplicas); the arithmetic sits next to each.
 * Notation: new→n / old→n = the new / old ReplicaSet scaled to n; ~ = a readiness wave (new pods Ready).
 */
import { describe, expect, it } from 'vitest';
import { slotCluster } from '../../src/rollout/cluster.js';
import { resolveFenceposts, newRSNewReplicas } from '../../src/rollout/fenceposts.js';
import { parseIntOrPercent, type IntOrPercent } from '../../src/k8s/intstr.js';
import { deployment, expectDeploymentInvariants, roll, steps } from './helpers.js';

const v = (raw: unknown) => parseIntOrPercent(raw) as IntOrPercent;
const rolling = (maxSurge: unknown, maxUnavailable: unknown) => ({
  type: 'RollingUpdate',
  rollingUpdate: { maxSurge, maxUnavailable },
});

describe('ResolveFenceposts', () => {
  it('rounds maxSurge up and maxUnavailable down', () => {
    // 25% of 4 = 1.0 → surge ceil 1, unavailable floor 1
    expect(resolveFenceposts('RollingUpdate', v('25%'), v('25%'), 4)).toEqual({ maxSurge: 1, maxUnavailable: 1 });
    // 25% of 10 = 2.5 → surge ceil 3, unavailable floor 2
    expect(resolveFenceposts('RollingUpdate', v('25%'), v('25%'), 10)).toEqual({ maxSurge: 3, maxUnavailable: 2 });
    // 10% of 3 = 0.3 → surge ceil 1, unavailable floor 0: NOT both zero, because surge rounds up
    expect(resolveFenceposts('RollingUpdate', v('10%'), v('10%'), 3)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
  });
  it('makes maxUnavailable 1 when both resolve to 0', () => {
    // surge 0; 10% of 3 = 0.3 → floor 0; both 0 → unavailable 1
    expect(resolveFenceposts('RollingUpdate', v(0), v('10%'), 3)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(resolveFenceposts('RollingUpdate', v(0), v(0), 3)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });
  it('caps maxUnavailable at replicas and zeroes it for 0 replicas (MaxUnavailable)', () => {
    expect(resolveFenceposts('RollingUpdate', v(1), v(5), 2)).toEqual({ maxSurge: 1, maxUnavailable: 2 });
    expect(resolveFenceposts('RollingUpdate', v(0), v(0), 0)).toEqual({ maxSurge: 0, maxUnavailable: 0 });
    expect(resolveFenceposts('Recreate', v('25%'), v('25%'), 4)).toEqual({ maxSurge: 0, maxUnavailable: 0 });
  });
  it('NewRSNewReplicas fills up to replicas+maxSurge and never past replicas', () => {
    // maxTotal 13, current 10 → 0 + min(3, 10) = 3
    expect(newRSNewReplicas('RollingUpdate', 10, 3, { allReplicas: 10, newReplicas: 0 })).toBe(3);
    // current 13 ≥ 13 → unchanged
    expect(newRSNewReplicas('RollingUpdate', 10, 3, { allReplicas: 13, newReplicas: 3 })).toBe(3);
    // maxTotal 13, current 8 → 5 + min(5, 5) = 10
    expect(newRSNewReplicas('RollingUpdate', 10, 3, { allReplicas: 8, newReplicas: 5 })).toBe(10);
    expect(newRSNewReplicas('Recreate', 10, 0, { allReplicas: 10, newReplicas: 0 })).toBe(10);
  });
});

describe('RollingUpdate', () => {
  it('replicas 4, default 25%/25% (the README example)', () => {
    // surge ceil(1.0)=1, unavailable floor(1.0)=1, minAvailable 3, maxTotal 5
    const r = roll(deployment(4, 'api:1'), deployment(4, 'api:2'));
    expect(steps(r)).toEqual([
      'new→1', // new RS created at NewRSNewReplicas: 0 + min(5−4, 4) = 1
      'old→3', // same sync: maxScaledDown 5−3−1(new unavailable)=1; available 4 > 3 → budget 1
      'new→2', // total 4 < 5 → 1 + min(1, 3) = 2; then 5−3−2 = 0: wait
      '~', //     new pods Ready: available 3+2 = 5
      'old→1', // maxScaledDown 5−3−0 = 2; available 5−3 = 2 → 3−2 = 1
      'new→4', // total 3 → 2 + min(2, 2) = 4; then 5−3−(4−2) = 0: wait
      '~', //     available 1+4 = 5
      'old→0', // 5−3−0 = 2, budget 2 → min(1, 2) = 1 → 0
    ]);
    expect([r.peakPods, r.minAvailable, r.stalled]).toEqual([5, 3, null]);
    expect(r.events.map((e) => [e.old, e.new, e.available])).toEqual([
      [4, 1, 4],
      [3, 1, 3],
      [3, 2, 3],
      [1, 2, 3],
      [1, 4, 3],
      [0, 4, 4],
    ]);
    expect(r.events[0]!.message).toBe(`Scaled up replica set ${r.revisions.new} to 1`);
    expect(r.events[1]!.message).toBe(`Scaled down replica set ${r.revisions.old} to 3`);
    expectDeploymentInvariants(r, 4);
  });

  // The concrete example in the comment of reconcileOldReplicaSets: 10 replicas, maxSurge 3, maxUnavailable 2.
  const tenBySurge3Unavailable2 = [
    'new→3', //  0 + min(13−10, 10) = 3
    'old→8', //  maxScaledDown 13−8−3 = 2; available 10−8 = 2 → 10−2 = 8
    'new→5', //  total 11 → 3 + min(2, 7) = 5; then 13−8−5 = 0
    '~', //      available 8+5 = 13
    'old→3', //  13−8−0 = 5; available 13−8 = 5 → 8−5 = 3
    'new→10', // total 8 → 5 + min(5, 5) = 10; 13−8−(10−5) = 0
    '~', //      available 3+10 = 13
    'old→0', //  budget 5 → min(3, 5) = 3 → 0
  ];

  it('absolute values: replicas 10, maxSurge 3, maxUnavailable 2', () => {
    const r = roll(deployment(10, 'api:1'), deployment(10, 'api:2', rolling(3, 2)));
    expect(steps(r)).toEqual(tenBySurge3Unavailable2);
    expect([r.peakPods, r.minAvailable]).toEqual([13, 8]);
    expectDeploymentInvariants(r, 10);
  });

  it('percentages: replicas 10, 25%/25% resolves to the same 3/2', () => {
    // surge ceil(2.5) = 3, unavailable floor(2.5) = 2
    const r = roll(deployment(10, 'api:1'), deployment(10, 'api:2'));
    expect(r.limits).toEqual({ maxSurge: 3, maxUnavailable: 2 });
    expect(steps(r)).toEqual(tenBySurge3Unavailable2);
    expectDeploymentInvariants(r, 10);
  });

  it('percentages that round: replicas 7, maxSurge 50%, maxUnavailable 40%', () => {
    // surge ceil(3.5) = 4, unavailable floor(2.8) = 2, minAvailable 5, maxTotal 11
    const r = roll(deployment(7, 'api:1'), deployment(7, 'api:2', rolling('50%', '40%')));
    expect(r.limits).toEqual({ maxSurge: 4, maxUnavailable: 2 });
    expect(steps(r)).toEqual([
      'new→4', // 0 + min(11−7, 7) = 4
      'old→5', // 11−5−4 = 2; available 7−5 = 2 → 5 (available drops to 5 = minAvailable)
      'new→6', // total 9 → 4 + min(2, 3) = 6; 11−5−6 = 0
      '~', //     available 5+6 = 11
      'old→0', // 11−5−0 = 6; available 11−5 = 6 → min(5, 6) = 5 → 0
      'new→7', // total 6 → 6 + min(5, 1) = 7; old is 0: nothing more
    ]);
    expect([r.peakPods, r.minAvailable]).toEqual([11, 5]);
    expectDeploymentInvariants(r, 7);
  });

  it('maxSurge 0: old goes down first (replicas 3, maxUnavailable 1)', () => {
    // surge 0, unavailable 1, minAvailable 2, maxTotal 3
    const r = roll(deployment(3, 'api:1'), deployment(3, 'api:2', rolling(0, 1)));
    expect(steps(r)).toEqual([
      'old→2', // new RS created at 0 (3 ≥ 3: no room); 3−2−0 = 1; available 3−2 = 1 → 2
      'new→1', // total 2 → 0 + min(1, 3) = 1; then 3−2−1 = 0
      '~',
      'old→1', // 3−2−0 = 1; available 3−2 = 1 → 1
      'new→2',
      '~',
      'old→0',
      'new→3',
    ]);
    expect([r.peakPods, r.minAvailable]).toEqual([3, 2]);
    expectDeploymentInvariants(r, 3);
  });

  it('maxUnavailable 0: new pods must be Ready before any old one goes (replicas 3, maxSurge 1)', () => {
    // surge 1, unavailable 0, minAvailable 3, maxTotal 4
    const r = roll(deployment(3, 'api:1'), deployment(3, 'api:2', rolling(1, 0)));
    expect(steps(r)).toEqual([
      'new→1', // 0 + min(1, 3) = 1; 4−3−1 = 0: wait
      '~', //     available 3+1 = 4
      'old→2', // 4−3−0 = 1; available 4−3 = 1 → 2
      'new→2', // total 3 → 2; 4−3−1 = 0
      '~',
      'old→1',
      'new→3',
      '~',
      'old→0',
    ]);
    expect([r.peakPods, r.minAvailable]).toEqual([4, 3]);
    expectDeploymentInvariants(r, 3);
  });

  it('both resolving to 0 (maxSurge 0, maxUnavailable 10% of 3) behaves as maxUnavailable 1', () => {
    // surge 0; floor(0.3) = 0; both 0 → unavailable 1: same steps as maxSurge 0 / maxUnavailable 1
    const r = roll(deployment(3, 'api:1'), deployment(3, 'api:2', rolling(0, '10%')));
    expect(r.limits).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(steps(r)).toEqual(['old→2', 'new→1', '~', 'old→1', 'new→2', '~', 'old→0', 'new→3']);
    expectDeploymentInvariants(r, 3);
  });

  it('10%/10% of 3 is surge 1 / unavailable 0, not both 0 (surge rounds up)', () => {
    // ceil(0.3) = 1, floor(0.3) = 0 → same steps as maxSurge 1 / maxUnavailable 0
    const r = roll(deployment(3, 'api:1'), deployment(3, 'api:2', rolling('10%', '10%')));
    expect(r.limits).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(steps(r)).toEqual(['new→1', '~', 'old→2', 'new→2', '~', 'old→1', 'new→3', '~', 'old→0']);
    expectDeploymentInvariants(r, 3);
  });

  it('replicas 1 with the defaults: surge 1, unavailable 0', () => {
    // ceil(0.25) = 1, floor(0.25) = 0; maxTotal 2, minAvailable 1
    const r = roll(deployment(1, 'api:1'), deployment(undefined, 'api:2'));
    expect(steps(r)).toEqual([
      'new→1', // 0 + min(1, 1) = 1; 2−1−1 = 0
      '~',
      'old→0', // 2−1−0 = 1; available 2−1 = 1 → 0
    ]);
    expect([r.peakPods, r.minAvailable]).toEqual([2, 1]);
    expectDeploymentInvariants(r, 1);
  });

  it('a template change together with a scale-up scales the old ReplicaSet first (isScalingEvent)', () => {
    // replicas 4 → 8: the old RS's desired-replicas annotation (4) differs → sync()/scale(): the only
    // active RS goes to 8. Then rolloutRolling with surge ceil(2) = 2, unavailable 2, minAvailable 6, maxTotal 10.
    const r = roll(deployment(4, 'api:1'), deployment(8, 'api:2'));
    expect(steps(r)).toEqual([
      'old→8', // scaling event; 4 new old-template pods, not Ready yet (available 4)
      'new→2', // 0 + min(10−8, 8) = 2; maxScaledDown 10−6−2 = 2 →
      'old→6', //   cleanupUnhealthyReplicas: min(2, 8−4 unavailable) = 2; scale-down budget: available 4 ≤ 6 → 0
      'new→4', // total 8 → 2 + min(2, 6) = 4; 10−6−4 = 0
      '~', //     available 6+4 = 10
      'old→2', // 10−6−0 = 4; available 10−6 = 4 → 2
      'new→8', // total 6 → 4 + min(4, 4) = 8; 10−6−(8−4) = 0
      '~',
      'old→0', // budget 4 → min(2, 4) → 0
    ]);
    expect(r.events.map((e) => e.available)).toEqual([4, 4, 4, 4, 6, 6, 8]);
    expectDeploymentInvariants(r, 8);
  });
});

describe('Recreate', () => {
  it('scales the old ReplicaSet to 0, then the new one to replicas', () => {
    // rolloutRecreate: scaleDownOldReplicaSetsForRecreate → 0; no old pods left → create new at replicas
    const r = roll(deployment(3, 'api:1'), deployment(3, 'api:2', { type: 'Recreate' }));
    expect(steps(r)).toEqual(['old→0', 'new→3']);
    expect(r.events.map((e) => [e.old, e.new, e.available])).toEqual([
      [0, 0, 0],
      [0, 3, 0],
    ]);
    expect([r.peakPods, r.minAvailable]).toEqual([3, 0]);
    expectDeploymentInvariants(r, 3);
  });
  it('ignores rollingUpdate settings', () => {
    const r = roll(
      deployment(5, 'api:1'),
      deployment(2, 'api:2', { type: 'Recreate', rollingUpdate: { maxSurge: 9 } }),
    );
    // scaling event first (5 → 2 on the old RS), then old → 0, new → 2
    expect(steps(r)).toEqual(['old→2', 'old→0', 'new→2']);
    expectDeploymentInvariants(r, 2);
  });
});

describe('replicas-only changes', () => {
  it('scale up: one event, the ReplicaSet scaled to the new count', () => {
    const r = roll(deployment(3, 'api:1'), deployment(5, 'api:1'));
    expect(r.cause).toBe('replicas');
    expect(r.revisions.old).toBe(r.revisions.new);
    expect(r.events.map((e) => [e.message, e.old, e.new, e.available])).toEqual([
      [`Scaled up replica set ${r.revisions.new} to 5`, 0, 5, 3],
    ]);
    expect([r.peakPods, r.minAvailable, r.stalled]).toEqual([5, 3, null]);
    expectDeploymentInvariants(r, 5);
  });
  it('scale down: Ready pods are removed, availability follows', () => {
    const r = roll(deployment(5, 'api:1'), deployment(2, 'api:1'));
    expect(r.events.map((e) => [e.message, e.available])).toEqual([
      [`Scaled down replica set ${r.revisions.new} to 2`, 2],
    ]);
    expect([r.peakPods, r.minAvailable]).toEqual([5, 2]);
    expectDeploymentInvariants(r, 2);
  });
  it('a paused Deployment scales but does not roll out', () => {
    const r = roll(deployment(3, 'api:1'), deployment(4, 'api:2', undefined, { paused: true }));
    expect(steps(r)).toEqual(['old→4']);
    expect(r.note).toMatch(/paused/);
    expect(r.stalled).toBeNull();
    expectDeploymentInvariants(r, 4);
  });
});

describe('capacity', () => {
  it('stalls when the surge pod cannot be scheduled and maxUnavailable is 0', () => {
    // room for 3 pods, all taken by the old ones: new→1 stays Pending; 4−3−1 = 0 → nothing else to do
    const r = roll(deployment(3, 'api:1'), deployment(3, 'api:2', rolling(1, 0)), slotCluster(3));
    expect(steps(r)).toEqual(['new→1']);
    expect(r.events[0]!.pending).toBe(1);
    expect(r.stalled).toMatch(/^pod api-\w+-\w{5} is Pending: 0\/1 nodes are available: 1 Too many pods$/);
    expectDeploymentInvariants(r, 3);
  });
  it('completes when maxUnavailable frees room for each Pending surge pod', () => {
    // surge 1, unavailable 1, minAvailable 2, room for 3 pods
    const r = roll(deployment(3, 'api:1'), deployment(3, 'api:2', rolling(1, 1)), slotCluster(3));
    expect(steps(r)).toEqual([
      'new→1', // Pending (3 old pods fill the room)
      'old→2', // 4−2−1 = 1, available 3−2 = 1 → 2; its deleted pod frees room, the Pending pod binds
      'new→2', // total 3 → 2; the second new pod is Pending; 4−2−2 = 0
      '~', //     one new pod Ready: available 2+1 = 3
      'old→1', // 4−2−(2−1) = 1; available 3−2 = 1 → 1; frees room for the Pending pod
      'new→3', // Pending again; 4−2−(3−2)... = 0 until the wave
      '~',
      'old→0',
    ]);
    expect(r.events.map((e) => e.pending)).toEqual([1, 0, 1, 0, 1, 0]);
    expect(r.stalled).toBeNull();
    expectDeploymentInvariants(r, 3);
  });
});
