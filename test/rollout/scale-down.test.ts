/**
 * Which pods a ReplicaSet scale-down deletes: controller.ActivePodsWithRanks (kubernetes v1.36
 * pkg/controller/controller_utils.go Less) with ranks from getPodsRankedByRelatedPodsOnSameNode
 * (pkg/controller/replicaset/replica_set.go): pods doubled up on a node with more of the Deployment's pods go
 * first, then the newer pod. A scripted cluster puts each pod on a node we choose, so the ranks are worked by hand.
 */
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../src/rollout/cluster.js';
import { podsToDelete, type SimPod } from '../../src/rollout/pods.js';
import { deployment, roll, steps } from './helpers.js';

/** Places the i-th pod it is asked about on nodes[i]; records bindings and deletions in order. */
function scripted(nodes: string[]): Cluster & { placed: string[]; removed: string[]; nodeOf: Map<string, string> } {
  const placed: string[] = [];
  const removed: string[] = [];
  const nodeOf = new Map<string, string>();
  return {
    placed,
    removed,
    nodeOf,
    place(pod) {
      const node = nodes[placed.length];
      if (node === undefined) throw new Error(`no node scripted for pod #${placed.length}`);
      placed.push(pod.name);
      nodeOf.set(pod.name, node);
      return { placed: true, node };
    },
    remove(_namespace, name) {
      removed.push(name);
    },
  };
}

describe('ReplicaSet scale-down: ActivePodsWithRanks', () => {
  it('deletes the doubled-up pods first, not simply the newest (replicas 5 → 3)', () => {
    // Pods #0..#4 on n1, n1, n1, n2, n3. Ranks (active pods of the Deployment on the same node): #0 #1 #2 → 3,
    // #3 #4 → 1. All Ready at the same time, no restarts. Rule 5 (higher rank first) picks two of #0..#2; rule 8
    // (newer first) orders them #2, #1. What stays: #0 on n1, #3 on n2, #4 on n3 — one pod per node.
    // The "newest first" order alone would have deleted #4 and #3, leaving all three pods on n1.
    const cluster = scripted(['n1', 'n1', 'n1', 'n2', 'n3']);
    const r = roll(deployment(5, 'api:1'), deployment(3, 'api:1'), cluster);
    expect(steps(r)).toEqual(['new→3']); // a replicas-only change: the one ReplicaSet is both old and new
    expect(cluster.removed).toEqual([cluster.placed[2], cluster.placed[1]]);
  });

  it('ranks count the new ReplicaSet’s pods too (getIndirectlyRelatedPods)', () => {
    // replicas 2, maxSurge 1, maxUnavailable 0 (rolling.go): old #0 on n1, #1 on n2.
    // new→1: new pod #2 is scripted onto n1. After it is Ready, old→1 deletes one old pod: ranks #0 → 2 (#0 and
    // #2 on n1), #1 → 1, so #0 goes although #1 is newer. new→2: #3 on n2; once Ready, old→0 deletes #1.
    const cluster = scripted(['n1', 'n2', 'n1', 'n2']);
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } };
    const r = roll(deployment(2, 'api:1', strategy), deployment(2, 'api:2', strategy), cluster);
    expect(steps(r)).toEqual(['new→1', '~', 'old→1', 'new→2', '~', 'old→0']);
    expect(cluster.removed).toEqual([cluster.placed[0], cluster.placed[1]]);
  });

  it('orders unassigned < not Ready < rank < Ready more recently < newer (Less, criteria 1, 3, 5, 6, 8)', () => {
    const pod = (name: string, born: number, x: Partial<SimPod>): SimPod => ({
      name,
      born,
      ready: true,
      readyAt: 0,
      pending: null,
      node: 'n1',
      request: { name, namespace: 'ns', owner: { kind: 'Deployment', name: 'd' }, labels: {}, template: {} },
      ...x,
    });
    const pending = pod('pending', 0, { pending: 'no room', ready: false, node: undefined });
    const starting = pod('starting', 1, { ready: false, node: 'n3' });
    const crowded = pod('crowded', 2, { node: 'n2' }); // n2 holds crowded and mate: rank 2
    const mate = pod('mate', 3, { node: 'n2', readyAt: 1 });
    const recent = pod('recent', 4, { node: 'n4', readyAt: 2 }); // rank 1, Ready at wave 2
    const early = pod('early', 5, { node: 'n5', readyAt: 1 }); // rank 1, Ready at wave 1, created last
    const all = [early, recent, mate, crowded, starting, pending];
    // pending (unassigned) → starting (not Ready) → mate, crowded (rank 2; mate Ready later) →
    // recent (Ready at wave 2) → early (Ready at wave 1, although created last).
    expect(podsToDelete(all, 5).map((p) => p.name)).toEqual(['pending', 'starting', 'mate', 'crowded', 'recent']);
    // The partial selection (count·4 < pods) picks the same first one.
    expect(podsToDelete(all, 1).map((p) => p.name)).toEqual(['pending']);
    expect(podsToDelete(all, 6)).toHaveLength(6);
  });
});
