/**
 * Effective securityContext settings: fields that exist at both levels (runAsUser,
 * runAsGroup, runAsNonRoot, …) come from the container when it sets them, else from the pod.
 */
import type { JsonPath } from '../../core/types.js';
import type { ContainerRef } from '../containers.js';
import { getIn } from '../../core/values.js';
import type { PodTemplate } from '../workloads.js';

export type PodLevelField = 'runAsUser' | 'runAsGroup' | 'runAsNonRoot';

export interface Setting {
  value: unknown;
  /** Path from the object root to the value that applies. */
  path: JsonPath;
  level: 'container' | 'pod';
}

/** The container's own value, else the pod's; undefined when neither sets it (null counts as unset). */
export function effectiveSetting(ref: ContainerRef, field: PodLevelField): Setting | undefined {
  const own = getIn(ref.container, ['securityContext', field]);
  if (own !== undefined && own !== null)
    return { value: own, path: [...ref.path, 'securityContext', field], level: 'container' };
  const pod = getIn(ref.template.spec, ['securityContext', field]);
  if (pod !== undefined && pod !== null)
    return { value: pod, path: [...ref.template.specPath, 'securityContext', field], level: 'pod' };
  return undefined;
}

/** A container-only field (privileged, allowPrivilegeEscalation, readOnlyRootFilesystem, …). */
export function containerSetting(ref: ContainerRef, field: string): Setting | undefined {
  const value = getIn(ref.container, ['securityContext', field]);
  if (value === undefined || value === null) return undefined;
  return { value, path: [...ref.path, 'securityContext', field], level: 'container' };
}

/** Pods declared to run on Windows (spec.os.name), where Linux-only securityContext fields are forbidden. */
export function isWindowsPod(template: PodTemplate): boolean {
  return getIn(template.spec, ['os', 'name']) === 'windows';
}
