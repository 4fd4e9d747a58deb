/**
 * StatefulSet updates and scaling, worked by hand from pkg/controller/statefulset/stateful_set_control.go:
 * updateStatefulSet runs processReplica for each ordinal ascending (create missing pods; OrderedReady stops after
 * a creation and at the first pod not Ready), then processCondemned (descending), then — unless OnDelete — the
 * rolling update: delete the highest ordinal ≥ partition not at the update revision, one at a time waiting for
 * health (classic loop) or up to maxUnavailable − unavailable at once (updateStatefulSetAfterInvariantEstablished).
 * Notation: -kv-3 = pod deleted, +kv-3 = pod created, ~ = readiness wave.
 */
import { describe, expect, it } from 'vitest';
import { expectStatefulSetInvariants, roll, statefulSet, steps } from './helpers.js';

const rolling = (rollingUpdate: Record<string, unknown>) => ({
  updateStrategy: { type: 'RollingUpdate', rollingUpdate },
});

describe('RollingUpdate', () => {
  it('replaces pods from the highest ordinal down, one at a time', () => {
    const r = roll(statefulSet(4, 'kv:1'), statefulSet(4, 'kv:2'));
    expect(steps(r)).toEqual([
      '-kv-3', // all Ready; target 3 is at the old revision → delete, return
      '+kv-3', // next sync: ordinal 3 missing → create at the update revision (3 ≥ partition 0); OrderedReady returns
      '~', //     kv-3 was not Ready: nothing more until the wave
      '-kv-2', // target 3 updated and healthy → 2
      '+kv-2',
      '~',
      '-kv-1',
      '+kv-1',
      '~',
      '-kv-0',
      '+kv-0',
    ]);
    expect(r.events[0]!.message).toBe(`Deleted pod kv-3 (update to revision ${r.revisions.new})`);
    expect(r.events[1]!.message).toBe(`Created pod kv-3 at revision ${r.revisions.new}`);
    expect(r.events.map((e) => [e.old, e.new, e.available]).slice(0, 4)).toEqual([
      [3, 0, 3],
      [3, 1, 3],
      [2, 1, 3],
      [2, 2, 3],
    ]);
    expect([r.peakPods, r.minAvailable, r.stalled]).toEqual([4, 3, null]);
    expectStatefulSetInvariants(r, 4);
  });

  it('never goes below the partition', () => {
    // partition 2: the loop runs target = 3 … 2 only; kv-0 and kv-1 keep the current revision
    const r = roll(statefulSet(4, 'kv:1'), statefulSet(4, 'kv:2', rolling({ partition: 2 })));
    expect(steps(r)).toEqual(['-kv-3', '+kv-3', '~', '-kv-2', '+kv-2']);
    expect(r.events.at(-1)).toMatchObject({ old: 2, new: 2 });
    expectStatefulSetInvariants(r, 4);
  });

  it('a partition at or above replicas updates nothing', () => {
    const r = roll(statefulSet(3, 'kv:1'), statefulSet(3, 'kv:2', rolling({ partition: 3 })));
    expect(steps(r)).toEqual([]);
    expect(r.stalled).toBeNull();
    expectStatefulSetInvariants(r, 3);
  });

  it('scale-up pods below the partition are created at the current revision (newVersionedStatefulSetPod)', () => {
    // replicas 2 → 4, partition 3: ordinal 2 < 3 → current revision; ordinal 3 → update revision
    const r = roll(statefulSet(2, 'kv:1'), statefulSet(4, 'kv:2', rolling({ partition: 3 })));
    expect(steps(r)).toEqual(['+kv-2', '~', '+kv-3']);
    expect(r.events[0]!.message).toBe(`Created pod kv-2 at revision ${r.revisions.old}`);
    expect(r.events[1]!.message).toBe(`Created pod kv-3 at revision ${r.revisions.new}`);
    expectStatefulSetInvariants(r, 4);
  });

  it('maxUnavailable 2 with OrderedReady: two deleted at once, recreated one by one', () => {
    // unavailable 0 < 2 → delete 2 from the top (kv-4, kv-3); processReplica recreates kv-3 and returns
    // (monotonic), waits for it, then kv-4; with all 5 healthy again the next two go.
    const r = roll(statefulSet(5, 'kv:1'), statefulSet(5, 'kv:2', rolling({ maxUnavailable: 2 })));
    expect(steps(r)).toEqual([
      '-kv-4',
      '-kv-3',
      '+kv-3',
      '~',
      '+kv-4',
      '~',
      '-kv-2',
      '-kv-1',
      '+kv-1',
      '~',
      '+kv-2',
      '~',
      '-kv-0',
      '+kv-0',
    ]);
    expect(r.limits).toEqual({ partition: 0, maxUnavailable: 2 });
    expect(r.minAvailable).toBe(3);
    expectStatefulSetInvariants(r, 5);
  });

  it('a maxUnavailable percentage is scaled rounding down, and never below 1', () => {
    // 50% of 5 = 2.5 → 2;  10% of 5 = 0.5 → 0 → at least 1
    const two = roll(statefulSet(5, 'kv:1'), statefulSet(5, 'kv:2', rolling({ maxUnavailable: '50%' })));
    expect(two.limits.maxUnavailable).toBe(2);
    expectStatefulSetInvariants(two, 5);
    const one = roll(statefulSet(5, 'kv:1'), statefulSet(5, 'kv:2', rolling({ maxUnavailable: '10%' })));
    expect(one.limits.maxUnavailable).toBe(1);
    expect(steps(one).filter((s) => s === '~')).toHaveLength(4); // five pods, one per wave
    expectStatefulSetInvariants(one, 5);
  });
});

describe('Parallel podManagementPolicy', () => {
  it('updates still go one pod at a time (the update loop waits for the unhealthy new pod)', () => {
    // Parallel only lifts the ordering of creation and deletion; the classic update loop returns at the
    // first unhealthy updated pod.
    const r = roll(statefulSet(3, 'kv:1'), statefulSet(3, 'kv:2', { podManagementPolicy: 'Parallel' }));
    expect(steps(r)).toEqual(['-kv-2', '+kv-2', '~', '-kv-1', '+kv-1', '~', '-kv-0', '+kv-0']);
    expectStatefulSetInvariants(r, 3);
  });

  it('with maxUnavailable 2: two deleted, both recreated in the same burst', () => {
    // sync 1: unavailable 0 → delete kv-4, kv-3. sync 2: processReplica (burst) creates kv-3 and kv-4;
    // unavailable 2 ≥ 2 → wait. After the wave: kv-2, kv-1 the same way; then kv-0 (only one left).
    const r = roll(
      statefulSet(5, 'kv:1'),
      statefulSet(5, 'kv:2', { podManagementPolicy: 'Parallel', ...rolling({ maxUnavailable: 2 }) }),
    );
    expect(steps(r)).toEqual([
      '-kv-4',
      '-kv-3',
      '+kv-3',
      '+kv-4',
      '~',
      '-kv-2',
      '-kv-1',
      '+kv-1',
      '+kv-2',
      '~',
      '-kv-0',
      '+kv-0',
    ]);
    expect([r.peakPods, r.minAvailable]).toEqual([5, 3]);
    expectStatefulSetInvariants(r, 5);
  });

  it('scales up in one burst', () => {
    const r = roll(
      statefulSet(2, 'kv:1', { podManagementPolicy: 'Parallel' }),
      statefulSet(5, 'kv:1', { podManagementPolicy: 'Parallel' }),
    );
    expect(r.cause).toBe('replicas');
    expect(steps(r)).toEqual(['+kv-2', '+kv-3', '+kv-4']);
    expect(r.events.map((e) => e.available)).toEqual([2, 2, 2]);
    expectStatefulSetInvariants(r, 5);
  });
});

describe('OnDelete', () => {
  it('replaces nothing: pods keep the old revision until deleted', () => {
    const r = roll(statefulSet(3, 'kv:1'), statefulSet(3, 'kv:2', { updateStrategy: { type: 'OnDelete' } }));
    expect(r.events).toEqual([]);
    expect(r.note).toContain('OnDelete');
    expect([r.stalled, r.minAvailable, r.peakPods]).toEqual([null, 3, 3]);
    expectStatefulSetInvariants(r, 3);
  });

  it('pods added by a scale-up are created at the update revision', () => {
    // OnDelete has no rollingUpdate, so newVersionedStatefulSetPod uses the update revision
    const r = roll(statefulSet(2, 'kv:1'), statefulSet(3, 'kv:2', { updateStrategy: { type: 'OnDelete' } }));
    expect(steps(r)).toEqual(['+kv-2']);
    expect(r.events[0]!.message).toContain(r.revisions.new);
    expectStatefulSetInvariants(r, 3);
  });
});

describe('scaling (OrderedReady)', () => {
  it('scale up: one pod per wave, each waiting for its predecessor', () => {
    const r = roll(statefulSet(3, 'kv:1'), statefulSet(5, 'kv:1'));
    expect(steps(r)).toEqual(['+kv-3', '~', '+kv-4']);
    expect(r.events.map((e) => e.message)).toEqual([
      `Created pod kv-3 at revision ${r.revisions.new}`,
      `Created pod kv-4 at revision ${r.revisions.new}`,
    ]);
    expectStatefulSetInvariants(r, 5);
  });

  it('scale down: highest ordinal first (termination is not waited for: deleted pods are gone at once)', () => {
    const r = roll(statefulSet(5, 'kv:1'), statefulSet(2, 'kv:1'));
    expect(steps(r)).toEqual(['-kv-4', '-kv-3', '-kv-2']);
    expect(r.events.map((e) => e.message)).toEqual([
      'Deleted pod kv-4 (scale down)',
      'Deleted pod kv-3 (scale down)',
      'Deleted pod kv-2 (scale down)',
    ]);
    expect(r.minAvailable).toBe(2);
    expectStatefulSetInvariants(r, 2);
  });

  it('scale up and update together: new ordinals first, then the update from the top', () => {
    // processReplica creates kv-2, kv-3 at the update revision (one per wave); then the update loop finds
    // 3, 2 updated and replaces 1, then 0.
    const r = roll(statefulSet(2, 'kv:1'), statefulSet(4, 'kv:2'));
    expect(steps(r)).toEqual(['+kv-2', '~', '+kv-3', '~', '-kv-1', '+kv-1', '~', '-kv-0', '+kv-0']);
    expectStatefulSetInvariants(r, 4);
  });

  it('respects spec.ordinals.start', () => {
    const r = roll(
      statefulSet(2, 'kv:1', { ordinals: { start: 5 } }),
      statefulSet(2, 'kv:2', { ordinals: { start: 5 }, ...rolling({ partition: 1 }) }),
    );
    // ordinals 5, 6; partition 1 → only ordinal ≥ 5+1 = 6 updated
    expect(steps(r)).toEqual(['-kv-6', '+kv-6']);
    expectStatefulSetInvariants(r, 2, 5);
  });
});
