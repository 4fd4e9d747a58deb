/** Containers of a pod spec for the best-practice rules: app and init containers, with their pod. */
import { containersOf as sharedContainersOf, type ContainerRef as SharedContainerRef } from '../containers.js';
import type { PodSpecRef } from './pod-specs.js';

export interface ContainerRef extends SharedContainerRef {
  pod: PodSpecRef;
  /** An init container with restartPolicy: Always: a native sidecar that runs alongside the app. */
  sidecar: boolean;
}

/**
 * Init containers then app containers (ephemeral debug containers are never in manifests), skipping
 * entries that are not mappings. `init: false` keeps only the app containers.
 */
export function containersOf(pod: PodSpecRef, filter: { init?: boolean } = {}): ContainerRef[] {
  const lists = filter.init === false ? (['containers'] as const) : (['initContainers', 'containers'] as const);
  return sharedContainersOf(pod, lists).map((ref) => ({
    ...ref,
    pod,
    sidecar: ref.list === 'initContainers' && ref.container.restartPolicy === 'Always',
  }));
}
