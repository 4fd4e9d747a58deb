/** Every container of a pod spec (init, app and ephemeral), with its path for pointing findings at it. */
import type { JsonPath } from '../core/types.js';
import type { PodTemplate } from './workloads.js';
import { isObj, type Obj } from './values.js';

export type ContainerList = 'initContainers' | 'containers' | 'ephemeralContainers';

export const CONTAINER_LISTS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

export interface ContainerRef {
  container: Obj;
  list: ContainerList;
  /** Path from the object root to the container. */
  path: JsonPath;
  /** `container "app"`, `init container "setup"`, `ephemeral container "debug"`, or `container #2` when unnamed. */
  label: string;
}

const LIST_LABEL: Record<ContainerList, string> = {
  initContainers: 'init container',
  containers: 'container',
  ephemeralContainers: 'ephemeral container',
};

export function containersOf(template: PodTemplate, lists: readonly ContainerList[] = CONTAINER_LISTS): ContainerRef[] {
  const out: ContainerRef[] = [];
  for (const list of lists) {
    const items = template.spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, index) => {
      if (!isObj(container)) return;
      const name = typeof container.name === 'string' && container.name !== '' ? `"${container.name}"` : `#${index + 1}`;
      out.push({ container, list, path: [...template.specPath, list, index], label: `${LIST_LABEL[list]} ${name}` });
    });
  }
  return out;
}
