/**
 * Ingress routes: each rule's host and path (pathType) → backend Service and port → the pods behind that port,
 * plus the default backend. networking.k8s.io/v1 (`backend.service.name` / `port.number|name`) and the old
 * v1beta1 form (`serviceName` / `servicePort`) are both read. The class is spec.ingressClassName, else the
 * `kubernetes.io/ingress.class` annotation, else the IngressClass marked default in the inputs.
 */
import type { Finding, JsonPath, Manifest } from '../core/types.js';
import { namespaceOf } from '../k8s/defaults.js';
import type { ServiceModel } from './services.js';
import { isObj, obj, objItems, str, type Obj } from '../core/values.js';
import { compareStrings } from '../core/compare.js';

export interface RouteReport {
  host: string;
  path: string;
  pathType: string;
  service: string | null;
  port: number | string | null;
  pods: string[];
}

export interface IngressReport {
  namespace: string;
  name: string;
  ingressClass: string | null;
  routes: RouteReport[];
}

interface Backend {
  service: string | null;
  port: number | string | null;
  resource: string | null;
  path: JsonPath;
}

function readBackend(b: Obj, path: JsonPath): Backend {
  if (isObj(b.service)) {
    const port = obj(b.service.port);
    const value = typeof port.number === 'number' ? port.number : (str(port.name) ?? null);
    return { service: str(b.service.name) ?? null, port: value, resource: null, path: [...path, 'service', 'name'] };
  }
  if (b.serviceName !== undefined) {
    const sp = b.servicePort;
    const value = typeof sp === 'number' ? sp : typeof sp === 'string' ? (/^[0-9]+$/.test(sp) ? Number(sp) : sp) : null;
    return { service: str(b.serviceName) ?? null, port: value, resource: null, path: [...path, 'serviceName'] };
  }
  if (isObj(b.resource))
    return {
      service: null,
      port: null,
      resource: `${str(b.resource.kind) ?? '?'}/${str(b.resource.name) ?? '?'}`,
      path: [...path, 'resource'],
    };
  return { service: null, port: null, resource: null, path };
}

export function planIngresses(
  manifests: Manifest[],
  ingressClasses: Manifest[],
  services: ServiceModel[],
  defaultNamespace: string,
  findings: Finding[],
): IngressReport[] {
  const defaultClass = ingressClasses
    .filter((c) => obj(obj(c.object.metadata).annotations)['ingressclass.kubernetes.io/is-default-class'] === 'true')
    .map((c) => str(obj(c.object.metadata).name))
    .filter((n): n is string => !!n)
    .sort(compareStrings)[0];
  const known = new Set(ingressClasses.map((c) => str(obj(c.object.metadata).name)).filter(Boolean));
  const serviceIndex = new Map(services.map((s) => [`${s.report.namespace}/${s.report.name}`, s]));
  const out: IngressReport[] = [];
  for (const m of manifests) {
    const name = str(obj(m.object.metadata).name);
    if (!name) continue;
    const namespace = namespaceOf(m.object, defaultNamespace);
    const spec = obj(m.object.spec);
    const annotated = str(obj(obj(m.object.metadata).annotations)['kubernetes.io/ingress.class']);
    let ingressClass = str(spec.ingressClassName) ?? annotated ?? defaultClass ?? null;
    if (ingressClass && ingressClasses.length > 0 && !known.has(ingressClass) && ingressClass !== annotated)
      ingressClass = `${ingressClass} (no IngressClass object in the inputs)`;
    const report: IngressReport = { namespace, name, ingressClass, routes: [] };

    const route = (host: string, path: string, pathType: string, b: Backend) => {
      const r: RouteReport = { host, path, pathType, service: b.service, port: b.port, pods: [] };
      report.routes.push(r);
      const fail = (message: string) =>
        findings.push({
          ruleId: 'plan/ingress-no-backend',
          severity: 'error',
          message: `Ingress ${name}: ${host}${path === '*' ? '' : path} ${message}`,
          file: m.file,
          ...m.locate(b.path, 'value'),
          object: m.ref,
        });
      if (b.resource) {
        r.service = null;
        r.port = null;
        return; // a resource backend (e.g. a storage bucket): nothing to resolve here
      }
      if (!b.service) return fail('has no backend service');
      const svc = serviceIndex.get(`${namespace}/${b.service}`);
      if (!svc) return fail(`routes to Service ${b.service}, which is not in the inputs`);
      const port = svc.report.ports.find((p) => (typeof b.port === 'number' ? p.port === b.port : p.name === b.port));
      if (!port) return fail(`routes to port ${String(b.port)} of Service ${b.service}, which has no such port`);
      r.port = port.port;
      if (!svc.selector) return; // endpoints managed by hand: nothing to check
      const pods = svc.report.endpoints.filter((e) => e.port !== null && e.portName === port.name).map((e) => e.pod);
      r.pods = [...new Set(pods)].sort(compareStrings);
      if (r.pods.length === 0) fail(`routes to Service ${b.service}:${port.port}, which has no endpoints`);
    };

    const defaultBackend = isObj(spec.defaultBackend) ? spec.defaultBackend : isObj(spec.backend) ? spec.backend : null;
    if (defaultBackend)
      route(
        '*',
        '*',
        'DefaultBackend',
        readBackend(defaultBackend, ['spec', isObj(spec.defaultBackend) ? 'defaultBackend' : 'backend']),
      );
    for (const { item: rule, index: ri } of objItems(spec.rules)) {
      const host = str(rule.host) || '*';
      for (const { item: p, index: pi } of objItems(obj(rule.http).paths)) {
        const path = str(p.path) ?? '/';
        const pathType = str(p.pathType) ?? 'ImplementationSpecific';
        route(host, path, pathType, readBackend(obj(p.backend), ['spec', 'rules', ri, 'http', 'paths', pi, 'backend']));
      }
    }
    out.push(report);
  }
  return out.sort((a, b) => compareStrings(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`));
}
