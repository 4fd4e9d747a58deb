/**
 * Storage primitives the scheduler's volume plugins read (kubernetes v1.36): which StorageClass a claim uses and
 * which class is the default, volumeBindingMode, a StorageClass's allowedTopologies, a PersistentVolume's zone
 * labels, and whether an existing volume can satisfy a claim (pkg/volume/util FindMatchingVolume, reduced).
 */
import { compareStrings } from '../core/compare.js';
import { arr, isObj, obj, str, type Obj } from '../core/values.js';
import type { Labels } from './label-selector.js';

/** storageclass.kubernetes.io/is-default-class (and its beta spelling, still honoured by IsDefaultAnnotation). */
export const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];

/** The legacy claim annotation GetPersistentVolumeClaimClass still reads before spec.storageClassName. */
const BETA_CLAIM_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** A static PV that no provisioner creates: binding must find an existing volume. */
export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';

export type BindingMode = 'Immediate' | 'WaitForFirstConsumer';

/** storage/v1 helpers.IsDefaultAnnotation: either annotation set to "true". */
export function isDefaultClass(metadata: unknown): boolean {
  const annotations = obj(obj(metadata).annotations);
  return DEFAULT_CLASS_ANNOTATIONS.some((a) => annotations[a] === 'true');
}

/**
 * GetPersistentVolumeClaimClass: the beta annotation, else spec.storageClassName. `undefined` means unset (the
 * DefaultStorageClass admission plugin then fills in the default class); `''` means "no class".
 */
export function claimClassName(claim: { metadata?: unknown; spec?: unknown }): string | undefined {
  const beta = obj(obj(claim.metadata).annotations)[BETA_CLAIM_CLASS];
  if (typeof beta === 'string') return beta;
  const name = obj(claim.spec).storageClassName;
  return typeof name === 'string' ? name : undefined;
}

/** GetPersistentVolumeClass: the beta annotation, else spec.storageClassName, else ''. */
export function volumeClassName(pv: { metadata?: unknown; spec?: unknown }): string {
  const beta = obj(obj(pv.metadata).annotations)['volume.beta.kubernetes.io/storage-class'];
  if (typeof beta === 'string') return beta;
  return str(obj(pv.spec).storageClassName) ?? '';
}

/**
 * The default class (storage/util GetDefaultClass, since v1.26): among classes marked default, the newest by
 * creationTimestamp, then the smallest name. Classes without a timestamp (manifests) count as oldest.
 */
export function pickDefaultClass(
  classes: Array<{ name: string; isDefault: boolean; created: string | undefined }>,
): string | undefined {
  const defaults = classes.filter((c) => c.isDefault);
  defaults.sort((a, b) => compareStrings(b.created ?? '', a.created ?? '') || compareStrings(a.name, b.name));
  return defaults[0]?.name;
}

/** One TopologySelectorTerm: every key's label value must be one of its values. */
export type TopologyTerm = Array<{ key: string; values: string[] }>;

/** StorageClass.allowedTopologies → terms (a malformed term is dropped: the API server would reject it). */
export function readAllowedTopologies(value: unknown): TopologyTerm[] {
  const terms: TopologyTerm[] = [];
  for (const t of arr(value)) {
    if (!isObj(t)) continue;
    const term: TopologyTerm = [];
    for (const e of arr(t.matchLabelExpressions)) {
      const key = str(obj(e).key);
      const values = arr(obj(e).values).filter((v): v is string => typeof v === 'string');
      if (key) term.push({ key, values });
    }
    terms.push(term);
  }
  return terms;
}

/**
 * v1helper.MatchTopologySelectorTerms: no terms match every node; otherwise the terms are ORed and a term's
 * expressions ANDed (an empty term matches nothing).
 */
export function matchTopologyTerms(terms: readonly TopologyTerm[], labels: Labels): boolean {
  if (terms.length === 0) return true;
  return terms.some(
    (term) =>
      term.length > 0 &&
      term.every((e) => Object.prototype.hasOwnProperty.call(labels, e.key) && e.values.includes(labels[e.key]!)),
  );
}

/** The topology labels VolumeZone compares (volume_zone.go topologyLabels), GA and beta. */
export const VOLUME_TOPOLOGY_LABELS = [
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
];

/** translateToGALabel: a beta zone/region key → the GA key. */
export function gaTopologyLabel(key: string): string {
  if (key === 'failure-domain.beta.kubernetes.io/zone') return 'topology.kubernetes.io/zone';
  if (key === 'failure-domain.beta.kubernetes.io/region') return 'topology.kubernetes.io/region';
  return key;
}

/** volumehelpers.LabelZonesToSet: a PV zone label may name several zones joined with "__". */
export function zoneLabelValues(value: string): Set<string> {
  return new Set(value.split('__').filter((z) => z !== ''));
}

/** Access modes: every mode the claim asks for must be offered by the volume (CheckAccessModes). */
export function accessModesSatisfied(claimModes: readonly string[], volumeModes: readonly string[]): boolean {
  return claimModes.every((m) => volumeModes.includes(m));
}

export function stringList(value: unknown): string[] {
  return arr(value).filter((v): v is string => typeof v === 'string');
}

export type { Obj };
