/**
 * The storage the scheduler's volume plugins see: StorageClasses, PersistentVolumes and PersistentVolumeClaims
 * from the inputs and the --cluster snapshot (the snapshot's copy wins for objects in both: it is what exists),
 * the claims StatefulSets create from volumeClaimTemplates, and generic ephemeral volumes' claims
 * (`<pod>-<volume>`). A claim without storageClassName gets the default class (DefaultStorageClass admission).
 */
import type { Manifest } from '../core/types.js';
import { arr, isObj, obj, str } from '../core/values.js';
import { namespaceOf } from '../k8s/defaults.js';
import { parseResource } from '../k8s/quantity.js';
import {
  claimClassName,
  isDefaultClass,
  pickDefaultClass,
  readAllowedTopologies,
  stringList,
  volumeClassName,
} from '../k8s/storage.js';
import type { VolumeClaimReport } from './controllers/context.js';
import { compileNodeSelector } from './node-selector.js';
import type { PlannedPod } from './pod.js';
import { VolumeState, type ClaimModel, type StorageClassModel, type VolumeModel } from './scheduler/volume-state.js';

export interface VolumeInputs {
  /** StorageClass, PersistentVolume and PersistentVolumeClaim manifests from the inputs. */
  inputs: Manifest[];
  /** The same kinds from the --cluster file. */
  cluster: Manifest[];
  /** Claims the StatefulSet controller creates. */
  templateClaims: VolumeClaimReport[];
  pods: PlannedPod[];
  defaultNamespace: string;
}

export interface VolumeSetup {
  state: VolumeState;
  /** Standalone claims from the inputs, for the report (StatefulSet claims are reported by their workload). */
  standalone: VolumeClaimReport[];
  /** Claim names each pod uses (spec.volumes), by pod. */
  podClaims: Map<PlannedPod, string[]>;
}

const storageBytes = (value: unknown): number | null => {
  const n = parseResource('storage', value);
  return n === null ? null : n;
};

/** spec.volumes → the claim names the pod uses (ephemeral volumes: `<pod>-<volume>`, ephemeral.go VolumeClaimName). */
export function podClaimNames(podName: string, spec: unknown): string[] {
  const names: string[] = [];
  for (const v of arr(obj(spec).volumes)) {
    if (!isObj(v)) continue;
    const claim = str(obj(v.persistentVolumeClaim).claimName);
    if (claim) names.push(claim);
    else if (isObj(v.ephemeral) && typeof v.name === 'string') names.push(`${podName}-${v.name}`);
  }
  return names;
}

export function setUpVolumes(input: VolumeInputs): VolumeSetup {
  const byName = new Map<string, Manifest>(); // kind/namespace/name → manifest, cluster last so it wins
  const fromInputs = new Set<string>();
  const keyOf = (m: Manifest): string | undefined => {
    const kind = String(m.object.kind);
    const name = str(obj(m.object.metadata).name);
    if (!name) return undefined;
    const ns = kind === 'PersistentVolumeClaim' ? namespaceOf(m.object, input.defaultNamespace) : '';
    return `${kind}/${ns}/${name}`;
  };
  for (const m of input.inputs) {
    const k = keyOf(m);
    if (!k || fromInputs.has(k)) continue; // the first definition in the inputs counts
    fromInputs.add(k);
    byName.set(k, m);
  }
  for (const m of input.cluster) {
    const k = keyOf(m);
    if (k) byName.set(k, m);
  }
  const of = (kind: string) => [...byName.entries()].filter(([k]) => k.startsWith(`${kind}/`)).map(([, m]) => m);

  const classes: StorageClassModel[] = [];
  const defaults: Array<{ name: string; isDefault: boolean; created: string | undefined }> = [];
  for (const m of of('StorageClass')) {
    const meta = obj(m.object.metadata);
    const name = str(meta.name)!;
    classes.push({
      name,
      provisioner: str(m.object.provisioner) ?? '',
      bindingMode: m.object.volumeBindingMode === 'WaitForFirstConsumer' ? 'WaitForFirstConsumer' : 'Immediate',
      allowedTopologies: readAllowedTopologies(m.object.allowedTopologies),
    });
    defaults.push({ name, isDefault: isDefaultClass(meta), created: str(meta.creationTimestamp) });
  }
  const defaultClass = pickDefaultClass(defaults);
  const resolveClass = (name: string | undefined): string | null =>
    name === undefined ? (defaultClass ?? null) : name;

  const volumes: VolumeModel[] = [];
  for (const m of of('PersistentVolume')) {
    const meta = obj(m.object.metadata);
    const spec = obj(m.object.spec);
    const phase = str(obj(m.object.status).phase);
    if (phase === 'Released' || phase === 'Failed') continue; // not bindable
    const required = obj(spec.nodeAffinity).required;
    const compiled = required === undefined ? null : compileNodeSelector(required);
    const claimRef = obj(spec.claimRef);
    const claimName = str(claimRef.name);
    volumes.push({
      name: str(meta.name)!,
      className: volumeClassName(m.object),
      capacity: storageBytes(obj(spec.capacity).storage),
      accessModes: stringList(spec.accessModes),
      affinity: compiled?.ok ? (n) => compiled.selector.matches(n) : null,
      labels: Object.fromEntries(
        Object.entries(obj(meta.labels)).filter((e): e is [string, string] => typeof e[1] === 'string'),
      ),
      claim: claimName ? `${str(claimRef.namespace) ?? input.defaultNamespace}/${claimName}` : null,
    });
  }

  const claims: ClaimModel[] = [];
  const standalone: VolumeClaimReport[] = [];
  for (const m of of('PersistentVolumeClaim')) {
    const meta = obj(m.object.metadata);
    const spec = obj(m.object.spec);
    const namespace = namespaceOf(m.object, input.defaultNamespace);
    const name = str(meta.name)!;
    const request = obj(obj(spec.resources).requests).storage;
    claims.push({
      namespace,
      name,
      className: resolveClass(claimClassName(m.object)),
      request: storageBytes(request),
      accessModes: stringList(spec.accessModes),
      volumeName: str(spec.volumeName) || null,
    });
    if (fromInputs.has(`PersistentVolumeClaim/${namespace}/${name}`))
      standalone.push({
        name,
        namespace,
        owner: { kind: 'PersistentVolumeClaim', name },
        storageClassName: claimClassName(m.object) ?? null,
        storage: typeof request === 'string' || typeof request === 'number' ? String(request) : null,
        accessModes: stringList(spec.accessModes),
      });
  }
  // StatefulSet claims: an existing claim of the same name (in the snapshot) is the one the pod gets.
  for (const t of input.templateClaims) {
    claims.push({
      namespace: t.namespace,
      name: t.name,
      className: resolveClass(t.storageClassName ?? undefined),
      request: storageBytes(t.storage),
      accessModes: [...t.accessModes],
      volumeName: null,
    });
  }
  const podClaims = new Map<PlannedPod, string[]>();
  for (const p of input.pods) {
    const names = podClaimNames(p.name, p.spec);
    if (names.length > 0) podClaims.set(p, names);
    for (const v of arr(p.spec.volumes)) {
      if (!isObj(v) || !isObj(v.ephemeral) || typeof v.name !== 'string') continue;
      const template = obj(v.ephemeral.volumeClaimTemplate);
      const spec = obj(template.spec);
      claims.push({
        namespace: p.namespace,
        name: `${p.name}-${v.name}`,
        className: resolveClass(claimClassName(template)),
        request: storageBytes(obj(obj(spec.resources).requests).storage),
        accessModes: stringList(spec.accessModes),
        volumeName: null,
      });
    }
  }
  // The first claim of a name wins (VolumeState keeps the first): snapshot/inputs claims come before templates.
  return { state: new VolumeState({ classes, volumes, claims }), standalone, podClaims };
}
