/**
 * The objects a pod spec refers to by name: ConfigMaps and Secrets (volumes, projected volumes, env,
 * envFrom, imagePullSecrets), PersistentVolumeClaims and the ServiceAccount, each with its path and
 * whether the reference is `optional: true` (the pod starts without it).
 */
import type { JsonPath } from '../core/types.js';
import { containersOf } from './containers.js';
import { arrayAt, getIn, isObj, type Obj } from '../core/values.js';
import type { PodTemplate } from './workloads.js';

export type ReferencedKind = 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount';

export interface PodReference {
  kind: ReferencedKind;
  name: string;
  /** Path to the name, relative to the object. */
  path: JsonPath;
  optional: boolean;
  /** For env `configMapKeyRef`/`secretKeyRef` and volume `items`: the key read from the object. */
  key?: string;
  keyPath?: JsonPath;
}

export function podReferencesOf(template: PodTemplate): PodReference[] {
  const out: PodReference[] = [];
  const spec = template.spec;
  const at = (...rest: JsonPath) => [...template.specPath, ...rest];

  const serviceAccountField =
    typeof spec.serviceAccountName === 'string'
      ? 'serviceAccountName'
      : typeof spec.serviceAccount === 'string'
        ? 'serviceAccount'
        : undefined;
  if (serviceAccountField)
    out.push({
      kind: 'ServiceAccount',
      name: spec[serviceAccountField] as string,
      path: at(serviceAccountField),
      optional: false,
    });

  arrayAt(spec, ['imagePullSecrets']).forEach((s, i) => {
    // A missing pull secret only matters for private images; kubelet still tries without it.
    if (isObj(s) && typeof s.name === 'string')
      out.push({ kind: 'Secret', name: s.name, path: at('imagePullSecrets', i, 'name'), optional: false });
  });

  arrayAt(spec, ['volumes']).forEach((volume, v) => {
    if (!isObj(volume)) return;
    objectSource(out, volume.configMap, 'ConfigMap', 'name', at('volumes', v, 'configMap'));
    objectSource(out, volume.secret, 'Secret', 'secretName', at('volumes', v, 'secret'));
    const claim = getIn(volume, ['persistentVolumeClaim', 'claimName']);
    if (typeof claim === 'string')
      out.push({
        kind: 'PersistentVolumeClaim',
        name: claim,
        path: at('volumes', v, 'persistentVolumeClaim', 'claimName'),
        optional: false,
      });
    arrayAt(volume, ['projected', 'sources']).forEach((source, s) => {
      if (!isObj(source)) return;
      objectSource(
        out,
        source.configMap,
        'ConfigMap',
        'name',
        at('volumes', v, 'projected', 'sources', s, 'configMap'),
      );
      objectSource(out, source.secret, 'Secret', 'name', at('volumes', v, 'projected', 'sources', s, 'secret'));
    });
  });

  for (const { container, path } of containersOf(template)) {
    arrayAt(container, ['env']).forEach((env, e) => {
      const valueFrom = getIn(env, ['valueFrom']);
      if (!isObj(valueFrom)) return;
      keyRef(out, valueFrom.configMapKeyRef, 'ConfigMap', [...path, 'env', e, 'valueFrom', 'configMapKeyRef']);
      keyRef(out, valueFrom.secretKeyRef, 'Secret', [...path, 'env', e, 'valueFrom', 'secretKeyRef']);
    });
    arrayAt(container, ['envFrom']).forEach((source, s) => {
      if (!isObj(source)) return;
      objectSource(out, source.configMapRef, 'ConfigMap', 'name', [...path, 'envFrom', s, 'configMapRef']);
      objectSource(out, source.secretRef, 'Secret', 'name', [...path, 'envFrom', s, 'secretRef']);
    });
  }
  return out;
}

/** A whole-object reference (volume, envFrom), plus one key reference per `items` entry. */
function objectSource(
  out: PodReference[],
  source: unknown,
  kind: ReferencedKind,
  nameField: string,
  path: JsonPath,
): void {
  if (!isObj(source) || typeof source[nameField] !== 'string') return;
  const name = source[nameField] as string;
  const optional = source.optional === true;
  out.push({ kind, name, path: [...path, nameField], optional });
  arrayAt(source, ['items']).forEach((item, i) => {
    if (isObj(item) && typeof item.key === 'string')
      out.push({
        kind,
        name,
        path: [...path, nameField],
        optional,
        key: item.key,
        keyPath: [...path, 'items', i, 'key'],
      });
  });
}

function keyRef(out: PodReference[], ref: unknown, kind: ReferencedKind, path: JsonPath): void {
  if (!isObj(ref) || typeof ref.name !== 'string') return;
  const r: PodReference = { kind, name: ref.name, path: [...path, 'name'], optional: ref.optional === true };
  if (typeof ref.key === 'string') Object.assign(r, { key: ref.key, keyPath: [...path, 'key'] });
  out.push(r);
}

/** Keys a ConfigMap (data, binaryData) or Secret (data, stringData) provides. */
export function providedKeys(object: Obj, kind: 'ConfigMap' | 'Secret'): Set<string> {
  const fields = kind === 'ConfigMap' ? ['data', 'binaryData'] : ['data', 'stringData'];
  return new Set(fields.flatMap((f) => (isObj(object[f]) ? Object.keys(object[f] as Obj) : [])));
}
