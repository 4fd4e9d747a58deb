/** The workload a HorizontalPodAutoscaler scales (shared by the HPA rules). */
import type { Manifest } from '../core/types.js';
import { groupOf } from './kinds.js';
import type { ObjectIndex } from './object-index.js';
import { objAt } from './values.js';

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
