/** Containers of a pod spec, with their paths and a printable name. */
import type { JsonPath } from '../../core/types.js';
import type { PodSpecRef } from './pod-specs.js';
import { isObj, type Obj } from './values.js';

export type ContainerList = 'containers' | 'initContainers';

export interface ContainerRef {
  pod: PodSpecRef;
  container: Obj;
  /** Path from the object root to the container. */
  path: JsonPath;
  list: ContainerList;
  /** `container "app"`, or `init container "setup"`, or `container #2` when unnamed. */
  label: string;
  /** An init container with restartPolicy: Always: a native sidecar that runs alongside the app. */
  sidecar: boolean;
}

export interface ContainerFilter {
  /** Include init containers (default true). */
  init?: boolean;
}

/** Containers then init containers, skipping entries that are not mappings. */
export function containersOf(pod: PodSpecRef, filter: ContainerFilter = {}): ContainerRef[] {
  const lists: ContainerList[] = filter.init === false ? ['containers'] : ['containers', 'initContainers'];
  const out: ContainerRef[] = [];
  for (const list of lists) {
    const items = pod.spec[list];
    if (!Array.isArray(items)) continue;
    items.forEach((container, index) => {
      if (!isObj(container)) return;
      const name = typeof container.name === 'string' && container.name !== '' ? `"${container.name}"` : `#${index + 1}`;
      const sidecar = list === 'initContainers' && container.restartPolicy === 'Always';
      const label = `${list === 'initContainers' ? 'init container' : 'container'} ${name}`;
      out.push({ pod, container, path: [...pod.specPath, list, index], list, label, sidecar });
    });
  }
  return out;
}
