/** Every container of a pod spec (init, app and ephemeral), with its path for pointing findings at it. */
import type { JsonPath, Manifest } from '../core/types.js';
import { isObj, type Obj } from '../core/values.js';
import { podTemplatesOf, type PodTemplate } from './workloads.js';

export type ContainerList = 'initContainers' | 'containers' | 'ephemeralContainers';

export const CONTAINER_LISTS: readonly ContainerList[] = ['initContainers', 'containers', 'ephemeralContainers'];

/**
 * The containers a manifest runs on purpose: init containers (native sidecars among them) and app
 * containers. Ephemeral debug containers are added by `kubectl debug`; they show up only in dumps of
 * live Pods, and the rules that judge how containers are configured leave them out.
 */
export const INIT_AND_APP_CONTAINERS: readonly ContainerList[] = ['initContainers', 'containers'];

export interface ContainerRef {
  container: Obj;
  list: ContainerList;
  /** Path from the object root to the container. */
  path: JsonPath;
  /** `container "app"`, `init container "setup"`, `ephemeral container "debug"`, or `container #2` when unnamed. */
  label: string;
  /** An init container with restartPolicy: Always: a native sidecar that runs alongside the app containers. */
  sidecar: boolean;
  /** The pod template the container belongs to. */
  template: PodTemplate;
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
      const name =
        typeof container.name === 'string' && container.name !== '' ? `"${container.name}"` : `#${index + 1}`;
      out.push({
        container,
        list,
        path: [...template.specPath, list, index],
        label: `${LIST_LABEL[list]} ${name}`,
        sidecar: list === 'initContainers' && container.restartPolicy === 'Always',
        template,
      });
    });
  }
  return out;
}

/**
 * The init and app containers of every workload in `manifests` (OpenShift DeploymentConfigs
 * included), in input order: what the rules that judge container settings look at.
 */
export function* workloadContainersOf(manifests: readonly Manifest[]): Generator<ContainerRef> {
  for (const template of podTemplatesOf(manifests, { openShift: true }))
    yield* containersOf(template, INIT_AND_APP_CONTAINERS);
}
