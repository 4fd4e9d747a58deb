/**
 * Autoscalers and the workloads they scale: HorizontalPodAutoscalers (shared by the HPA rules) and
 * KEDA ScaledObjects (which drive an HPA of their own).
 */
import type { Manifest } from '../core/types.js';
import { groupOf, isKind } from '../k8s/kinds.js';
import type { ObjectIndex } from './object-index.js';
import { objAt } from '../core/values.js';

export interface ScaleTarget {
  kind: string;
  name: string;
  /** API group from scaleTargetRef.apiVersion, when given. */
  group?: string;
  /** The target object, when it is in the inputs. */
  found?: Manifest;
}

export function scaleTargetOf(hpa: Manifest, index: ObjectIndex): ScaleTarget | undefined {
  const ref = objAt(hpa.object, ['spec', 'scaleTargetRef']);
  if (!ref || typeof ref.kind !== 'string' || typeof ref.name !== 'string') return undefined;
  const group = typeof ref.apiVersion === 'string' ? groupOf(ref.apiVersion) : undefined;
  const found = index.find(ref.kind, index.namespaceOf(hpa), ref.name, group);
  return { kind: ref.kind, name: ref.name, ...(group !== undefined ? { group } : {}), ...(found ? { found } : {}) };
}

function isScaledObject(manifest: Manifest): boolean {
  return manifest.ref.kind === 'ScaledObject' && groupOf(manifest.ref.apiVersion) === 'keda.sh';
}

/**
 * The first autoscaler in the inputs that scales `workload`: a HorizontalPodAutoscaler whose target
 * is this object, or a KEDA ScaledObject in its namespace naming its kind (default Deployment) and name.
 */
export function autoscalerOf(index: ObjectIndex, workload: Manifest): Manifest | undefined {
  const { byTarget, byName } = index.derived(autoscalerTargets);
  const hpa = byTarget.get(workload);
  const scaledObject = byName.get(scaledObjectKey(index.namespaceOf(workload), workload.ref.kind, workload.ref.name));
  if (!hpa || !scaledObject) return hpa?.manifest ?? scaledObject?.manifest;
  return hpa.position < scaledObject.position ? hpa.manifest : scaledObject.manifest;
}

interface Found {
  manifest: Manifest;
  position: number;
}

/** Every autoscaler of the run, filed once under what it scales (the first one wins). */
function autoscalerTargets(index: ObjectIndex): { byTarget: Map<Manifest, Found>; byName: Map<string, Found> } {
  const byTarget = new Map<Manifest, Found>();
  const byName = new Map<string, Found>();
  index.manifests.forEach((manifest, position) => {
    if (isKind(manifest, 'HorizontalPodAutoscaler')) {
      const target = scaleTargetOf(manifest, index)?.found;
      if (target && !byTarget.has(target)) byTarget.set(target, { manifest, position });
    } else if (isScaledObject(manifest)) {
      const ref = objAt(manifest.object, ['spec', 'scaleTargetRef']);
      if (!ref) return;
      const kind = ref.kind ?? 'Deployment';
      const name = ref.name;
      // Only what can equal an object's kind and name (strings; a missing name matches an unnamed object).
      if (typeof kind !== 'string' || (typeof name !== 'string' && name !== undefined)) return;
      const key = scaledObjectKey(index.namespaceOf(manifest), kind, name);
      if (!byName.has(key)) byName.set(key, { manifest, position });
    }
  });
  return { byTarget, byName };
}

function scaledObjectKey(namespace: string, kind: string | undefined, name: string | undefined): string {
  return JSON.stringify([namespace, kind, name ?? null]);
}
