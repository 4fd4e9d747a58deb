/**
 * Resource names as the API server classifies them (k8s.io/kubernetes pkg/apis/core/helper/helpers.go:
 * IsNativeResource, IsHugePageResourceName, IsExtendedResourceName, IsOvercommitAllowed,
 * IsStandardContainerResourceName, IsIntegerResourceName): which names a container may request, which must be
 * whole numbers, and which may not be overcommitted (request must equal limit).
 */
import { qualifiedName } from './names.js';

/** `cpu`, `memory`, `ephemeral-storage` and `hugepages-<size>`: the names a container may use without a domain. */
export function isStandardContainerResourceName(name: string): boolean {
  return name === 'cpu' || name === 'memory' || name === 'ephemeral-storage' || isHugePageResourceName(name);
}

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith('hugepages-');
}

/** No domain, or a kubernetes.io domain: resources Kubernetes itself defines. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** Device-plugin and other extended resources (`nvidia.com/gpu`): a domain, not kubernetes.io, not `requests.`. */
export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return qualifiedName(`requests.${name}`).length === 0;
}

/** Only native, non-hugepage resources may be requested below their limit. */
export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

/** Extended resources (and quota object counts) are counted in whole units. */
export function isIntegerResourceName(name: string): boolean {
  return isExtendedResourceName(name);
}
