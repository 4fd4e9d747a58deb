/**
 * What the VolumeBinding and VolumeZone plugins know about storage: StorageClasses, PersistentVolumes and
 * PersistentVolumeClaims (from the inputs and the --cluster snapshot), which claims each pod uses, and the
 * binding decisions made so far — the scheduler's volume binder and assume cache (kubernetes v1.36
 * pkg/scheduler/framework/plugins/volumebinding/binder.go), offline.
 *
 * Only what is known constrains a pod: a claim, class or volume the planner has not seen is left alone (the
 * cluster may well have it), so a missing object never turns into a false "unschedulable".
 */
import type { Labels } from '../../k8s/label-selector.js';
import {
  accessModesSatisfied,
  gaTopologyLabel,
  matchTopologyTerms,
  NO_PROVISIONER,
  VOLUME_TOPOLOGY_LABELS,
  zoneLabelValues,
  type BindingMode,
  type TopologyTerm,
} from '../../k8s/storage.js';
import type { SchedPod } from './types.js';

export const ZONE_LABEL = 'topology.kubernetes.io/zone';

/** VolumeBinding's reasons (binder.go ConflictReason) and PreFilter rejection. */
export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
/** VolumeZone's reason (volume_zone.go ErrReasonConflict). */
export const ERR_REASON_ZONE_CONFLICT = 'node(s) had no available volume zone';

type NodeLike = { name: string; labels: Labels };

export interface StorageClassModel {
  name: string;
  provisioner: string;
  bindingMode: BindingMode;
  allowedTopologies: TopologyTerm[];
}

export interface VolumeModel {
  name: string;
  /** '' for a volume without a class. */
  className: string;
  /** spec.capacity.storage in bytes (null: unknown, treated as large enough). */
  capacity: number | null;
  accessModes: string[];
  /** spec.nodeAffinity.required, compiled; null when the volume can be used from any node. */
  affinity: ((node: NodeLike) => boolean) | null;
  /** metadata.labels (VolumeZone reads the zone/region ones). */
  labels: Labels;
  /** The claim it is bound or reserved to (spec.claimRef as namespace/name), or null when Available. */
  claim: string | null;
}

export interface ClaimModel {
  namespace: string;
  name: string;
  /** The class after defaulting; '' = no class; null = unset and no default class known. */
  className: string | null;
  /** resources.requests.storage in bytes (null: none given). */
  request: number | null;
  accessModes: string[];
  /** spec.volumeName: already bound. */
  volumeName: string | null;
}

/** What happened to one claim, for the report and the JSON output. */
export interface ClaimDecision {
  /**
   * bound: to an existing volume (before or by this plan); provisioned: a new volume is created for it;
   * pending: it stays unbound; unknown: the planner lacks the class or volume to decide.
   */
  state: 'bound' | 'provisioned' | 'pending' | 'unknown';
  bindingMode: BindingMode | null;
  /** The existing PersistentVolume it binds to (bound). */
  volume: string | null;
  /** WaitForFirstConsumer: the node of the pod that bound or provisioned it. */
  node: string | null;
  /** The zone the volume is in, when known. */
  zone: string | null;
  note: string;
}

const key = (namespace: string, name: string) => `${namespace}/${name}`;

export class VolumeState {
  private readonly classes = new Map<string, StorageClassModel>();
  private readonly volumes = new Map<string, VolumeModel>();
  private readonly claims = new Map<string, ClaimModel>();
  private readonly podClaims = new WeakMap<SchedPod, string[]>();
  readonly decisions = new Map<string, ClaimDecision>();

  constructor(input: { classes: StorageClassModel[]; volumes: VolumeModel[]; claims: ClaimModel[] }) {
    for (const c of input.classes) this.classes.set(c.name, c);
    for (const v of input.volumes) this.volumes.set(v.name, v);
    for (const c of input.claims)
      if (!this.claims.has(key(c.namespace, c.name))) this.claims.set(key(c.namespace, c.name), c);
    for (const c of this.claims.values()) this.decideBeforeScheduling(c);
  }

  /** The pod's claims (spec.volumes persistentVolumeClaim / ephemeral), as namespace/name keys. */
  registerPod(pod: SchedPod, claimNames: string[]): void {
    if (claimNames.length > 0)
      this.podClaims.set(
        pod,
        claimNames.map((n) => key(pod.namespace, n)),
      );
  }

  decision(namespace: string, name: string): ClaimDecision | undefined {
    return this.decisions.get(key(namespace, name));
  }

  // --- before scheduling: what exists, and the PV controller's Immediate binding ------------------------------

  /**
   * A claim already bound keeps its volume. An unbound claim of an Immediate class is bound by the PV
   * controller before any pod is scheduled (pv_controller.go syncUnboundClaim): the smallest Available volume
   * that fits, else a new one from the provisioner — somewhere in allowedTopologies, which the provisioner
   * chooses; the plan keeps the pod within them. WaitForFirstConsumer claims wait for the scheduler.
   */
  private decideBeforeScheduling(c: ClaimModel): void {
    const k = key(c.namespace, c.name);
    const unknown = (note: string): void => {
      this.decisions.set(k, { state: 'unknown', bindingMode: null, volume: null, node: null, zone: null, note });
    };
    if (c.volumeName !== null) {
      const v = this.volumes.get(c.volumeName);
      this.decisions.set(k, {
        state: 'bound',
        bindingMode: null,
        volume: c.volumeName,
        node: null,
        zone: v ? volumeZone(v) : null,
        note: v ? 'already bound' : `already bound to ${c.volumeName}, which is not in the inputs or the cluster file`,
      });
      return;
    }
    if (c.className === null)
      return unknown('no storageClassName and no default StorageClass in the inputs or the cluster file');
    const cls = c.className === '' ? undefined : this.classes.get(c.className);
    if (c.className !== '' && !cls)
      return unknown(`StorageClass ${c.className} is not in the inputs or the cluster file`);
    const mode: BindingMode = cls?.bindingMode ?? 'Immediate';
    if (mode === 'WaitForFirstConsumer') {
      this.decisions.set(k, {
        state: 'pending',
        bindingMode: mode,
        volume: null,
        node: null,
        zone: null,
        note: 'WaitForFirstConsumer: bound when its first pod is scheduled',
      });
      return;
    }
    const match = this.findMatchingVolume(c, null, new Set());
    if (match) {
      match.claim = k;
      this.decisions.set(k, {
        state: 'bound',
        bindingMode: mode,
        volume: match.name,
        node: null,
        zone: volumeZone(match),
        note: 'Immediate: bound by the PV controller before scheduling',
      });
      return;
    }
    if (!cls) return unknown('no storageClassName and no matching PersistentVolume in the cluster file');
    if (cls.provisioner === NO_PROVISIONER) {
      this.decisions.set(k, {
        state: 'pending',
        bindingMode: mode,
        volume: null,
        node: null,
        zone: null,
        note: `no Available PersistentVolume matches and StorageClass ${cls.name} does not provision (${NO_PROVISIONER})`,
      });
      return;
    }
    const zones = pinnedZones(cls.allowedTopologies);
    const provisioned: VolumeModel = {
      name: `(provisioned for ${k})`,
      className: cls.name,
      capacity: null,
      accessModes: c.accessModes,
      affinity: cls.allowedTopologies.length > 0 ? (n) => matchTopologyTerms(cls.allowedTopologies, n.labels) : null,
      labels: {},
      claim: k,
    };
    this.volumes.set(provisioned.name, provisioned);
    c.volumeName = provisioned.name;
    this.decisions.set(k, {
      state: 'provisioned',
      bindingMode: mode,
      volume: null,
      node: null,
      zone: zones.length === 1 ? zones[0]! : null,
      note:
        cls.allowedTopologies.length === 0
          ? 'Immediate: provisioned before scheduling, where the provisioner chooses (no allowedTopologies)'
          : `Immediate: provisioned before scheduling within allowedTopologies${zones.length > 1 ? ` (one of ${zones.join(', ')}, the provisioner chooses)` : ''}`,
    });
  }

  /**
   * FindMatchingVolume, reduced: an Available volume of the claim's class, reserved for nobody else, with room
   * for the request and the access modes, usable from `node` (when given); the smallest fits best, then name.
   */
  private findMatchingVolume(c: ClaimModel, node: NodeLike | null, taken: Set<VolumeModel>): VolumeModel | undefined {
    const k = key(c.namespace, c.name);
    let best: VolumeModel | undefined;
    for (const v of this.volumes.values()) {
      if (taken.has(v) || (v.claim !== null && v.claim !== k)) continue;
      if (v.className !== (c.className ?? '')) continue;
      if (c.request !== null && v.capacity !== null && v.capacity < c.request) continue;
      if (!accessModesSatisfied(c.accessModes, v.accessModes)) continue;
      if (node && v.affinity && !v.affinity(node)) continue;
      if (
        !best ||
        (v.capacity ?? Infinity) < (best.capacity ?? Infinity) ||
        ((v.capacity ?? Infinity) === (best.capacity ?? Infinity) && v.name < best.name)
      )
        best = v;
    }
    return best;
  }

  // --- the scheduling cycle -----------------------------------------------------------------------------------

  /** The pod's claims that the planner knows (unknown ones constrain nothing). */
  private known(pod: SchedPod): ClaimModel[] {
    const keys = this.podClaims.get(pod);
    if (!keys) return [];
    const out: ClaimModel[] = [];
    for (const k of keys) {
      const c = this.claims.get(k);
      if (c && this.decisions.get(k)?.state !== 'unknown') out.push(c);
    }
    return out;
  }

  hasClaims(pod: SchedPod): boolean {
    return this.known(pod).length > 0;
  }

  /** PreFilter: an unbound claim of an Immediate class (nothing to bind it to) rejects the pod outright. */
  unboundImmediate(pod: SchedPod): boolean {
    return this.known(pod).some((c) => c.volumeName === null && this.modeOf(c) === 'Immediate');
  }

  /**
   * FindPodVolumes for one node: bound claims need their volume's node affinity to match (else NodeConflict);
   * WaitForFirstConsumer claims need an Available volume usable from the node, or a provisioner whose
   * allowedTopologies include the node (else BindConflict). Returns the reasons, in the binder's order.
   */
  findPodVolumes(pod: SchedPod, node: NodeLike): string[] {
    let boundOk = true;
    let unboundOk = true;
    const taken = new Set<VolumeModel>();
    for (const c of this.known(pod)) {
      if (c.volumeName !== null) {
        const v = this.volumes.get(c.volumeName);
        if (v?.affinity && !v.affinity(node)) boundOk = false;
        continue;
      }
      if (this.modeOf(c) !== 'WaitForFirstConsumer') continue;
      const match = this.findMatchingVolume(c, node, taken);
      if (match) {
        taken.add(match);
        continue;
      }
      const cls = c.className ? this.classes.get(c.className) : undefined;
      if (!cls || cls.provisioner === NO_PROVISIONER || !matchTopologyTerms(cls.allowedTopologies, node.labels))
        unboundOk = false;
    }
    const reasons: string[] = [];
    if (!boundOk) reasons.push(ERR_REASON_NODE_CONFLICT);
    if (!unboundOk) reasons.push(ERR_REASON_BIND_CONFLICT);
    return reasons;
  }

  /**
   * Reserve (AssumePodVolumes): the matched volumes are bound to their claims, the others provisioned for the
   * node — in its zone, so pods that use the claim later follow it (a CSI volume's topology is the node's).
   */
  assume(pod: SchedPod, node: NodeLike): void {
    const taken = new Set<VolumeModel>();
    for (const c of this.known(pod)) {
      if (c.volumeName !== null || this.modeOf(c) !== 'WaitForFirstConsumer') continue;
      const k = key(c.namespace, c.name);
      const match = this.findMatchingVolume(c, node, taken);
      const zone = node.labels[ZONE_LABEL] ?? null;
      if (match) {
        taken.add(match);
        match.claim = k;
        c.volumeName = match.name;
        this.decisions.set(k, {
          state: 'bound',
          bindingMode: 'WaitForFirstConsumer',
          volume: match.name,
          node: node.name,
          zone: volumeZone(match) ?? zone,
          note: `WaitForFirstConsumer: bound to an Available PersistentVolume when pod ${pod.name} was scheduled`,
        });
        continue;
      }
      const provisioned: VolumeModel = {
        name: `(provisioned for ${k})`,
        className: c.className ?? '',
        capacity: null,
        accessModes: c.accessModes,
        affinity: zone === null ? null : (n) => n.labels[ZONE_LABEL] === zone,
        labels: {},
        claim: k,
      };
      this.volumes.set(provisioned.name, provisioned);
      c.volumeName = provisioned.name;
      this.decisions.set(k, {
        state: 'provisioned',
        bindingMode: 'WaitForFirstConsumer',
        volume: null,
        node: node.name,
        zone,
        note: `WaitForFirstConsumer: provisioned for node ${node.name} when pod ${pod.name} was scheduled`,
      });
    }
  }

  /**
   * VolumeZone's Filter: a node carrying any zone/region label must match the zone/region labels of every
   * bound volume of the pod (a value may list several zones joined by "__"). Unbound claims are VolumeBinding's.
   */
  zoneConflict(pod: SchedPod, node: NodeLike): boolean {
    if (!VOLUME_TOPOLOGY_LABELS.some((l) => Object.prototype.hasOwnProperty.call(node.labels, l))) return false;
    for (const c of this.known(pod)) {
      const v = c.volumeName === null ? undefined : this.volumes.get(c.volumeName);
      if (!v) continue;
      for (const label of VOLUME_TOPOLOGY_LABELS) {
        const value = v.labels[label];
        if (value === undefined || !Object.prototype.hasOwnProperty.call(v.labels, label)) continue;
        const nodeValue = Object.prototype.hasOwnProperty.call(node.labels, label)
          ? node.labels[label]
          : node.labels[gaTopologyLabel(label)];
        if (nodeValue === undefined || !zoneLabelValues(value).has(nodeValue)) return true;
      }
    }
    return false;
  }

  private modeOf(c: ClaimModel): BindingMode {
    if (!c.className) return 'Immediate'; // no class: static volumes only, bound by the PV controller
    return this.classes.get(c.className)?.bindingMode ?? 'Immediate';
  }
}

function volumeZone(v: VolumeModel): string | null {
  return v.labels[ZONE_LABEL] ?? v.labels['failure-domain.beta.kubernetes.io/zone'] ?? null;
}

/** The zone values allowedTopologies names (for the report). */
function pinnedZones(terms: readonly TopologyTerm[]): string[] {
  const zones = new Set<string>();
  for (const t of terms) for (const e of t) if (e.key === ZONE_LABEL) for (const v of e.values) zones.add(v);
  return [...zones].sort();
}
