/**
 * The mutable cluster the scheduler works on: per-node accounting (framework.NodeInfo: Requested,
 * NonZeroRequested, used host ports, pods) plus label indexes so "how many pods matching S are on each node"
 * costs the size of the smallest matching bucket, not the whole cluster. Pods can be added and removed,
 * which is what a rollout simulator and preemption need.
 *
 * The API plugins read (stable; the scheduler's internals behind it may change):
 *   NodeState (framework.NodeInfo): `node` (the parsed Node), `name`, `index` (position in name order),
 *     `pods` (bound pods), `requested` (Σ PodRequests by resource name, `pods` excluded), `requestedCpu` /
 *     `requestedMemory` (the same two as numbers), `nonZeroCpu` / `nonZeroMemory` (NonZeroRequested),
 *     `allocatableCpu` / `allocatableMemory` / `allocatablePods` (status.allocatable as numbers, 0 when absent),
 *     `ports` (host ports in use), `podsWithAffinity`.
 *   ClusterState: `nodes` (name order), `node(name)`, `nodeOf(pod)`, `add(pod, nodeName)` / `remove(pod)` (the
 *     only way to change a node's accounting: NodeInfo.AddPod / RemovePod — preemption removes victims and adds
 *     them back), `candidates(namespace, selector)`, `countByNode(namespace, selector)` (incremental, see below),
 *     `termGroupsMatching(pod)`.
 * Never mutate a NodeState's fields directly: the incremental counts and indexes would drift.
 */
import { compareStrings } from '../../core/compare.js';
import type { Labels, Selector } from '../../k8s/label-selector.js';
import { hasPodAffinity } from './pod-info.js';
import { termMatches } from './pod-info.js';
import { doNotScheduleTaint } from './pod-info.js';
import { buildTopology, PodCounts, type Topology } from './pod-counts.js';
import type { AffinityTerm, HostPort, Resources, SchedNode, SchedPod, Taint } from './types.js';

export type TermKind = 'requiredAffinity' | 'requiredAntiAffinity' | 'preferredAffinity' | 'preferredAntiAffinity';

/**
 * Equal (anti-)affinity terms of bound pods, merged: a Deployment's replicas all carry the same term, so the
 * scheduler checks each distinct term once against an incoming pod instead of once per existing pod.
 */
export interface TermGroup {
  kind: TermKind;
  term: AffinityTerm;
  /** Topology value of the owning pods' nodes → summed weight (preferred) or count (required). */
  byValue: Map<string, number>;
  members: number;
}

export class NodeState {
  readonly pods = new Set<SchedPod>();
  readonly requested: Resources = {};
  /** requested.cpu / requested.memory as plain numbers: the hot filters and scores read these. */
  requestedCpu = 0;
  requestedMemory = 0;
  nonZeroCpu = 0;
  nonZeroMemory = 0;
  readonly allocatableCpu: number;
  readonly allocatableMemory: number;
  readonly allocatablePods: number;
  readonly ports: HostPort[] = [];
  /** Pods on this node with inter-pod (anti-)affinity terms. */
  readonly podsWithAffinity = new Set<SchedPod>();

  constructor(
    readonly node: SchedNode,
    /** Position in the cluster's name order (ClusterState.nodes[index] === this). */
    readonly index = 0,
  ) {
    this.allocatableCpu = node.allocatable.cpu ?? 0;
    this.allocatableMemory = node.allocatable.memory ?? 0;
    this.allocatablePods = node.allocatable.pods ?? 0;
  }

  get name(): string {
    return this.node.name;
  }
}

const SEP = '\u0000';

export class ClusterState {
  readonly nodes: NodeState[];
  private readonly byName = new Map<string, NodeState>();
  private readonly placement = new Map<SchedPod, NodeState>();
  private readonly byNamespace = new Map<string, Set<SchedPod>>();
  private readonly byLabel = new Map<string, Set<SchedPod>>();
  private readonly byLabelAllNs = new Map<string, Set<SchedPod>>();
  readonly all = new Set<SchedPod>();
  /** Bumped by every add and remove: equal generations mean an unchanged cluster. */
  generation = 0;
  /** ImageLocality: on how many nodes each image name is present. */
  readonly imageNodeCount = new Map<string, number>();
  private readonly termGroups = new Map<string, TermGroup>();
  private readonly groupOfTerm = new WeakMap<AffinityTerm, TermGroup>();
  /** Term groups by one equality requirement of their selector (`key\0value`); '' holds groups without one. */
  private readonly termIndex = new Map<string, Set<TermGroup>>();
  private readonly topologies = new Map<string, Topology>();
  private readonly counts = new Map<string, PodCounts>();
  private readonly countsBySelector = new WeakMap<Selector, Map<string | null, PodCounts>>();
  /** PodCounts by one equality requirement of their selector (`key\0value`); '' holds those without one. */
  private readonly countsIndex = new Map<string, PodCounts[]>();
  private taintedCache: boolean | undefined;
  /** Labels of namespaces (Namespace objects in the inputs, plus kubernetes.io/metadata.name). */
  readonly namespaceLabels: (ns: string) => Labels;

  constructor(nodes: SchedNode[], namespaceLabels?: (ns: string) => Labels) {
    this.nodes = [...nodes].sort((a, b) => compareStrings(a.name, b.name)).map((n, i) => new NodeState(n, i));
    for (const n of this.nodes) {
      this.byName.set(n.name, n);
      for (const image of n.node.images.keys())
        this.imageNodeCount.set(image, (this.imageNodeCount.get(image) ?? 0) + 1);
    }
    const cache = new Map<string, Labels>();
    this.namespaceLabels =
      namespaceLabels ??
      ((ns) => {
        let l = cache.get(ns);
        if (!l) cache.set(ns, (l = { 'kubernetes.io/metadata.name': ns }));
        return l;
      });
  }

  node(name: string): NodeState | undefined {
    return this.byName.get(name);
  }

  nodeOf(pod: SchedPod): NodeState | undefined {
    return this.placement.get(pod);
  }

  /** Binds a pod to a node: it now uses capacity and counts for spreading and affinity. */
  add(pod: SchedPod, nodeName: string): void {
    const node = this.byName.get(nodeName);
    if (!node) throw new Error(`unknown node ${nodeName}`);
    if (this.placement.has(pod)) this.remove(pod);
    this.generation++;
    this.placement.set(pod, node);
    node.pods.add(pod);
    for (const [k, v] of Object.entries(pod.requests)) node.requested[k] = (node.requested[k] ?? 0) + v;
    node.requestedCpu += pod.requests.cpu ?? 0;
    node.requestedMemory += pod.requests.memory ?? 0;
    node.nonZeroCpu += pod.nonZeroCpu;
    node.nonZeroMemory += pod.nonZeroMemory;
    node.ports.push(...pod.hostPorts);
    if (hasPodAffinity(pod)) {
      node.podsWithAffinity.add(pod);
      this.updateTerms(pod, node, 1);
    }
    this.all.add(pod);
    bucket(this.byNamespace, pod.namespace).add(pod);
    for (const [k, v] of Object.entries(pod.labels)) {
      bucket(this.byLabel, pod.namespace + SEP + k + SEP + v).add(pod);
      bucket(this.byLabelAllNs, k + SEP + v).add(pod);
    }
    this.updateCounts(pod, node, 1);
  }

  /** Unbinds a pod (deleted, or evicted by a rollout). */
  remove(pod: SchedPod): void {
    const node = this.placement.get(pod);
    if (!node) return;
    this.generation++;
    this.placement.delete(pod);
    node.pods.delete(pod);
    for (const [k, v] of Object.entries(pod.requests)) node.requested[k] = (node.requested[k] ?? 0) - v;
    node.requestedCpu -= pod.requests.cpu ?? 0;
    node.requestedMemory -= pod.requests.memory ?? 0;
    node.nonZeroCpu -= pod.nonZeroCpu;
    node.nonZeroMemory -= pod.nonZeroMemory;
    for (const hp of pod.hostPorts) {
      const i = node.ports.indexOf(hp);
      if (i >= 0) node.ports.splice(i, 1);
    }
    if (node.podsWithAffinity.delete(pod)) this.updateTerms(pod, node, -1);
    this.all.delete(pod);
    this.byNamespace.get(pod.namespace)?.delete(pod);
    for (const [k, v] of Object.entries(pod.labels)) {
      this.byLabel.get(pod.namespace + SEP + k + SEP + v)?.delete(pod);
      this.byLabelAllNs.get(k + SEP + v)?.delete(pod);
    }
    this.updateCounts(pod, node, -1);
  }

  /**
   * Changes a node in place (a what-if: `kubectl cordon`, or the node lifecycle controller's unreachable taints).
   * Pods already bound stay; only later scheduling decisions see the change.
   */
  updateNode(name: string, change: { unschedulable?: boolean; addTaints?: readonly Taint[] }): void {
    const node = this.byName.get(name);
    if (!node) throw new Error(`unknown node ${name}`);
    if (change.unschedulable !== undefined) node.node.unschedulable = change.unschedulable;
    for (const taint of change.addTaints ?? [])
      if (!node.node.taints.some((t) => t.key === taint.key && t.effect === taint.effect)) node.node.taints.push(taint);
    this.taintedCache = undefined;
    this.generation++;
  }

  /** The topology domains of a node label key (built once; nodes do not change). */
  topology(key: string): Topology {
    let t = this.topologies.get(key);
    if (!t) {
      t = buildTopology(
        key,
        this.nodes.map((n) => n.node.labels),
      );
      this.topologies.set(key, t);
    }
    return t;
  }

  /** Does any node carry a NoSchedule / NoExecute taint? (nodeTaintsPolicy: Honor can only exclude those.) */
  get anyDoNotScheduleTaint(): boolean {
    this.taintedCache ??= this.nodes.some((n) => n.node.taints.some(doNotScheduleTaint));
    return this.taintedCache;
  }

  /**
   * Bound pods of `namespace` (null: every namespace) matching `selector`, per node and per topology domain,
   * kept current from now on (registered on first use; the same selector text shares one PodCounts).
   */
  podCounts(namespace: string | null, selector: Selector): PodCounts {
    // Replicas share their selector objects: look those up by identity before building the text key.
    let bySelector = this.countsBySelector.get(selector);
    if (!bySelector) this.countsBySelector.set(selector, (bySelector = new Map()));
    let c = bySelector.get(namespace);
    if (c) return c;
    const key = (namespace === null ? '*' : 'ns:' + namespace) + SEP + selector.text;
    c = this.counts.get(key);
    if (c) {
      bySelector.set(namespace, c);
      return c;
    }
    c = new PodCounts(namespace, selector, this.nodes.length);
    this.counts.set(key, c);
    bySelector.set(namespace, c);
    // A selector that selects nothing never changes: no need to look at pods.
    if (selector.type === 'nothing' || selector.type === 'invalid') return c;
    for (const p of this.candidates(namespace, selector)) if (c.matches(p)) c.update(this.placement.get(p)!.index, 1);
    const eq = selector.equalities[0];
    const slot = eq ? eq[0] + SEP + eq[1] : '';
    let list = this.countsIndex.get(slot);
    if (!list) this.countsIndex.set(slot, (list = []));
    list.push(c);
    return c;
  }

  private updateCounts(pod: SchedPod, node: NodeState, delta: number): void {
    if (this.countsIndex.size === 0) return;
    const visit = (list: PodCounts[] | undefined) => {
      if (list) for (const c of list) if (c.matches(pod)) c.update(node.index, delta);
    };
    visit(this.countsIndex.get(''));
    for (const [k, v] of Object.entries(pod.labels)) visit(this.countsIndex.get(k + SEP + v));
  }

  /**
   * Bound pods that may match `selector` in `namespace` (null: every namespace): the smallest index bucket of one
   * of the selector's equality requirements, else the whole namespace. Callers still check the selector.
   */
  candidates(namespace: string | null, selector: Selector): Iterable<SchedPod> {
    let best: Set<SchedPod> | undefined;
    for (const [k, v] of selector.equalities) {
      const b =
        namespace === null ? this.byLabelAllNs.get(k + SEP + v) : this.byLabel.get(namespace + SEP + k + SEP + v);
      if (!b) return [];
      if (!best || b.size < best.size) best = b;
    }
    if (best) return best;
    if (namespace === null) return this.all;
    return this.byNamespace.get(namespace) ?? [];
  }

  private updateTerms(pod: SchedPod, node: NodeState, sign: 1 | -1): void {
    const kinds: Array<[TermKind, AffinityTerm[]]> = [
      ['requiredAffinity', pod.requiredAffinity],
      ['requiredAntiAffinity', pod.requiredAntiAffinity],
      ['preferredAffinity', pod.preferredAffinity],
      ['preferredAntiAffinity', pod.preferredAntiAffinity],
    ];
    for (const [kind, terms] of kinds) {
      for (const term of terms) {
        const value = node.node.labels[term.topologyKey];
        if (value === undefined || !Object.prototype.hasOwnProperty.call(node.node.labels, term.topologyKey)) continue;
        // Replicas share term objects: the group found last time is still it while it has members.
        let group = this.groupOfTerm.get(term);
        let key: string | undefined;
        if (!group || group.members <= 0) {
          key = kind + SEP + termKey(term);
          group = this.termGroups.get(key);
          if (!group) {
            if (sign < 0) continue;
            group = { kind, term, byValue: new Map(), members: 0 };
            this.termGroups.set(key, group);
            const eq = term.selector.equalities[0];
            bucket(this.termIndex, eq ? eq[0] + SEP + eq[1] : '').add(group);
          }
          this.groupOfTerm.set(term, group);
        }
        const delta = sign * (kind.startsWith('preferred') ? term.weight : 1);
        const next = (group.byValue.get(value) ?? 0) + delta;
        if (next === 0) group.byValue.delete(value);
        else group.byValue.set(value, next);
        group.members += sign;
        if (group.members <= 0) {
          this.termGroups.delete(key ?? kind + SEP + termKey(term));
          const eq = term.selector.equalities[0];
          this.termIndex.get(eq ? eq[0] + SEP + eq[1] : '')?.delete(group);
        }
      }
    }
  }

  /** Term groups of bound pods whose term selects `pod` (namespace and labels). */
  termGroupsMatching(pod: { namespace: string; labels: Labels }): TermGroup[] {
    const out: TermGroup[] = [];
    const visit = (groups: Set<TermGroup> | undefined) => {
      if (groups) for (const g of groups) if (termMatches(g.term, pod, this.namespaceLabels)) out.push(g);
    };
    visit(this.termIndex.get(''));
    for (const [k, v] of Object.entries(pod.labels)) visit(this.termIndex.get(k + SEP + v));
    return out;
  }

  /** countPodsMatchSelector per node: pods in `namespace` matching `selector`. */
  countByNode(namespace: string, selector: Selector): Map<NodeState, number> {
    const counts = new Map<NodeState, number>();
    for (const p of this.candidates(namespace, selector)) {
      if (p.namespace !== namespace || !selector.matches(p.labels)) continue;
      const n = this.placement.get(p)!;
      counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    return counts;
  }
}

/** Replicas share their terms (buildSchedPod), so a term's group key is built once. */
const termKeys = new WeakMap<AffinityTerm, string>();

function termKey(term: AffinityTerm): string {
  let key = termKeys.get(term);
  if (key === undefined) {
    key = [
      term.topologyKey,
      term.selector.text,
      [...term.namespaces].sort().join(','),
      term.namespaceSelector?.text ?? '-',
    ].join(SEP);
    termKeys.set(term, key);
  }
  return key;
}

function bucket<K, V>(map: Map<K, Set<V>>, key: K): Set<V> {
  let b = map.get(key);
  if (!b) map.set(key, (b = new Set()));
  return b;
}
