/**
 * Ingress backends in both shapes: networking.k8s.io/v1 (`service: {name, port: {number|name}}`)
 * and the legacy extensions / networking.k8s.io/v1beta1 form (`serviceName`, `servicePort`).
 */
import type { JsonPath, Manifest } from '../core/types.js';
import { isKind } from '../k8s/kinds.js';
import type { ObjectIndex } from './object-index.js';
import { arrayAt, getIn, isObj, stringAt } from '../core/values.js';

export interface IngressBackend {
  service: string;
  /** Path to the service name, relative to the object. */
  servicePath: JsonPath;
  port?: { number: number } | { name: string };
  portPath?: JsonPath;
}

/** Service backends of an Ingress (default backend first, then every rule path); resource backends are skipped. */
export function ingressBackendsOf(manifest: Manifest): IngressBackend[] {
  const out: IngressBackend[] = [];
  const add = (path: JsonPath) => {
    const backend = readBackend(manifest, path);
    if (backend) out.push(backend);
  };
  add(['spec', 'defaultBackend']);
  add(['spec', 'backend']);
  for (const { backendPath } of ingressPathsOf(manifest)) add(backendPath);
  return out;
}

/** Every Service backend of every Ingress in `manifests`, in input order, with the Ingress and its namespace. */
export function* ingressServiceBackends(
  manifests: readonly Manifest[],
  index: ObjectIndex,
): Generator<{ ingress: Manifest; namespace: string; backend: IngressBackend }> {
  for (const ingress of manifests) {
    if (!isKind(ingress, 'Ingress')) continue;
    const namespace = index.namespaceOf(ingress);
    for (const backend of ingressBackendsOf(ingress)) yield { ingress, namespace, backend };
  }
}

function readBackend(manifest: Manifest, path: JsonPath): IngressBackend | undefined {
  const backend = getIn(manifest.object, path);
  if (!isObj(backend)) return undefined;
  if (isObj(backend.service)) {
    const service = stringAt(backend.service, ['name']);
    if (service === undefined) return undefined;
    const servicePath = [...path, 'service', 'name'];
    const port = backend.service.port;
    if (isObj(port) && typeof port.number === 'number')
      return { service, servicePath, port: { number: port.number }, portPath: [...path, 'service', 'port', 'number'] };
    if (isObj(port) && typeof port.name === 'string')
      return { service, servicePath, port: { name: port.name }, portPath: [...path, 'service', 'port', 'name'] };
    return { service, servicePath };
  }
  if (typeof backend.serviceName === 'string') {
    const servicePath = [...path, 'serviceName'];
    const portPath = [...path, 'servicePort'];
    const port = backend.servicePort;
    if (typeof port === 'number')
      return { service: backend.serviceName, servicePath, port: { number: port }, portPath };
    if (typeof port === 'string')
      return {
        service: backend.serviceName,
        servicePath,
        port: /^\d+$/.test(port) ? { number: Number(port) } : { name: port },
        portPath,
      };
    return { service: backend.serviceName, servicePath };
  }
  return undefined;
}

export interface IngressPath {
  /** The rule's host, or "*" when it has none (all hosts). */
  host: string;
  /** The HTTP path, "/" when omitted. */
  path: string;
  /** Path to the `path` field (or the paths entry when it has none). */
  pathPath: JsonPath;
  backendPath: JsonPath;
}

export function ingressPathsOf(manifest: Manifest): IngressPath[] {
  const out: IngressPath[] = [];
  arrayAt(manifest.object, ['spec', 'rules']).forEach((rule, r) => {
    if (!isObj(rule)) return;
    const host = typeof rule.host === 'string' && rule.host !== '' ? rule.host : '*';
    arrayAt(rule, ['http', 'paths']).forEach((entry, p) => {
      if (!isObj(entry)) return;
      const base = ['spec', 'rules', r, 'http', 'paths', p];
      const hasPath = typeof entry.path === 'string' && entry.path !== '';
      out.push({
        host,
        path: hasPath ? (entry.path as string) : '/',
        pathPath: hasPath ? [...base, 'path'] : base,
        backendPath: [...base, 'backend'],
      });
    });
  });
  return out;
}

/** The controller class an Ingress belongs to: spec.ingressClassName, else the legacy annotation, else "". */
export function ingressClassOf(manifest: Manifest): string {
  const name = stringAt(manifest.object, ['spec', 'ingressClassName']);
  if (name !== undefined) return name;
  return stringAt(manifest.object, ['metadata', 'annotations', 'kubernetes.io/ingress.class']) ?? '';
}
