/**
 * DaemonSet rollouts (kubernetes v1.34 pkg/controller/daemon/update.go rollingUpdate; daemon_controller.go manage):
 * per sync the manage loop gives every node that should run the pod one (and removes pods from nodes that should
 * not), then maxSurge 0 deletes old pods while fewer than maxUnavailable are unavailable, or maxSurge > 0 creates
 * a new pod beside an old one (up to maxSurge at once) and deletes the old one once the new one is available.
 * Nodes are walked in name order (upstream: Go map order). Notation: -node = old pod deleted there, +node = pod
 * created there, ~ = readiness wave.
 */
import { describe, expect, it } from 'vitest';
import { planChanges, rolloutCluster } from '../../src/rollout/index.js';
import { unlimitedCluster } from '../../src/rollout/cluster.js';
import type { Rollout } from '../../src/rollout/model.js';
import { simulateRollouts } from '../../src/rollout/rollouts.js';
import { readWorkload } from '../../src/rollout/workload.js';
import { manifests } from '../plan/helpers.js';

function daemonSet(image: string, extra: Record<string, unknown> = {}, podSpec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'ops' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'a', image }], ...podSpec } },
      ...extra,
    },
  };
}

/** -node / +node per event, ~ per readiness wave between events. */
function steps(r: Rollout): string[] {
  const out: string[] = [];
  let wave = 0;
  for (const e of r.events) {
    for (; wave < e.wave; wave++) out.push('~');
    const node = / on (\S+)/.exec(e.message)?.[1];
    out.push(`${e.action === 'create' ? '+' : '-'}${node}`);
  }
  return out;
}

function roll(oldObj: Record<string, unknown>, newObj: Record<string, unknown>, nodes: string[]): Rollout {
  const a = readWorkload(oldObj, 'default');
  const b = readWorkload(newObj, 'default');
  if (!a.ok || !b.ok) throw new Error('invalid test workload');
  return simulateRollouts([{ old: a.spec, new: b.spec }], { cluster: unlimitedCluster(nodes) })[0]!;
}

const nodes5 = ['n1', 'n2', 'n3', 'n4', 'n5'];

describe('DaemonSet RollingUpdate', () => {
  it('the default (maxUnavailable 1, maxSurge 0): one node at a time, old pod deleted first', () => {
    // unavailable 0 < 1: n1's old pod goes; manage creates the new one; it is unavailable until the wave, so
    // no other node is touched; then n2, and so on: 5 nodes, 5 rounds.
    const r = roll(daemonSet('agent:1'), daemonSet('agent:2'), nodes5);
    expect(steps(r)).toEqual([
      '-n1',
      '+n1',
      '~',
      '-n2',
      '+n2',
      '~',
      '-n3',
      '+n3',
      '~',
      '-n4',
      '+n4',
      '~',
      '-n5',
      '+n5',
    ]);
    expect(r.limits).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(r.minAvailable).toBe(4);
    expect(r.peakPods).toBe(5);
    expect(r.stalled).toBeNull();
  });

  it('maxUnavailable 40% of 5 nodes rounds up to 2: two nodes per round', () => {
    const r = roll(
      daemonSet('agent:1'),
      daemonSet('agent:2', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '40%' } } }),
      nodes5,
    );
    expect(r.limits.maxUnavailable).toBe(2);
    expect(steps(r)).toEqual(['-n1', '-n2', '+n1', '+n2', '~', '-n3', '-n4', '+n3', '+n4', '~', '-n5', '+n5']);
    expect(r.minAvailable).toBe(3);
  });

  it('maxSurge 1, maxUnavailable 0: a new pod beside the old, which goes once the new one is available', () => {
    // n1 gets a surge pod; after the wave it is available: n1's old pod is deleted and n2 gets its surge pod.
    const r = roll(
      daemonSet('agent:1'),
      daemonSet('agent:2', {
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } },
      }),
      ['n1', 'n2', 'n3'],
    );
    expect(steps(r)).toEqual(['+n1', '~', '+n2', '-n1', '~', '+n3', '-n2', '~', '-n3']);
    expect(r.minAvailable).toBe(3); // never below the node count
    // syncNodes creates before it deletes: n2's surge pod exists beside n1's old and new pods for a moment.
    expect(r.peakPods).toBe(5);
  });

  it('OnDelete: nothing is replaced; the note says so', () => {
    const r = roll(daemonSet('agent:1'), daemonSet('agent:2', { updateStrategy: { type: 'OnDelete' } }), nodes5);
    expect(r.events).toEqual([]);
    expect(r.note).toMatch(/^updateStrategy OnDelete: existing pods keep revision agent-/);
  });
});

describe('DaemonSet changes in a change plan (the planner’s scheduler and nodes)', () => {
  it('a new nodeSelector: pods leave the nodes that no longer match, the remaining node is updated', () => {
    // The default cluster: worker-1..3 in zone-a..c. Only worker-2 is in zone-b.
    const old = manifests(
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: ops}\nspec:\n' +
        '  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n' +
        '    spec: {containers: [{name: a, image: "agent:1"}]}\n',
    );
    const next = manifests(
      'apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: agent, namespace: ops}\nspec:\n' +
        '  selector: {matchLabels: {app: agent}}\n  template:\n    metadata: {labels: {app: agent}}\n' +
        '    spec:\n      nodeSelector: {topology.kubernetes.io/zone: zone-b}\n' +
        '      containers: [{name: a, image: "agent:2"}]\n',
    );
    const r = planChanges(old, next, { cluster: rolloutCluster(old) });
    const rollout = r.rollouts[0]!;
    expect(rollout.kind).toBe('DaemonSet');
    expect(rollout.replicas).toEqual({ old: 3, new: 1 });
    expect(steps(rollout)).toEqual(['-worker-1', '-worker-3', '-worker-2', '+worker-2']);
    expect(rollout.events.at(-1)?.message).toMatch(/^Created pod agent-\w+ on worker-2 at revision agent-/);
    expect(rollout.stalled).toBeNull();
  });
});
