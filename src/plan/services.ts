/**
 * Service endpoints as the EndpointSlice controller builds them (pkg/controller/endpointslice): scheduled pods in
 * the Service's namespace whose labels match spec.selector; for each Service port the target port is resolved
 * per pod — a number is used as is, a name is looked up among the pod's container ports with the same protocol
 * (podutil.FindPort), and a pod without that named port is left out for that port. Headless Services also list
 * `<hostname>.<service>.<ns>.svc.cluster.local` for pods whose subdomain is the Service name.
 */
import type { Finding, Manifest } from '../core/types.js';
import { defaultService, namespaceOf } from '../k8s/defaults.js';
import { selectorFromMap, type Selector } from '../k8s/label-selector.js';
import { CLUSTER_DOMAIN } from './controllers/statefulset.js';
import { isObj, nonNegInt, obj, objItems, str, sortedStringMap, type Obj } from '../core/values.js';
import { compareStrings } from '../core/compare.js';

/** A pod that can back a Service: scheduled planned pods and running pods from the cluster snapshot. */
export interface EndpointPod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  node: string;
  spec: Obj;
  hostname?: string;
  subdomain?: string;
}

export interface ServicePortReport {
  name: string | null;
  port: number;
  targetPort: number | string;
  protocol: string;
}

export interface EndpointReport {
  pod: string;
  node: string;
  port: number | null;
  portName: string | null;
  dns?: string;
}

export interface ServiceReport {
  namespace: string;
  name: string;
  type: string;
  headless: boolean;
  selector: Record<string, string> | null;
  ports: ServicePortReport[];
  endpoints: EndpointReport[];
}

export interface ServiceModel {
  report: ServiceReport;
  manifest: Manifest;
  selector: Selector | null;
}

/** podutil.FindPort: the container port a Service targetPort names (same protocol), or null. */
export function findPort(spec: Obj, target: number | string, protocol: string): number | null {
  if (typeof target === 'number') return target;
  for (const { item: c } of objItems(spec.containers)) {
    for (const { item: p } of objItems(c.ports)) {
      if (p.name === target && (str(p.protocol) ?? 'TCP') === protocol) return nonNegInt(p.containerPort) ?? null;
    }
  }
  return null;
}

/** Reads Services (defaulted) from the inputs; malformed parts are skipped with a `plan/skipped` warning. */
export function readServices(
  manifests: Manifest[],
  defaultNamespace: string,
  skip: (m: Manifest, path: Array<string | number>, message: string) => void,
): ServiceModel[] {
  const out: ServiceModel[] = [];
  for (const m of manifests) {
    const name = str(obj(m.object.metadata).name);
    if (!name) {
      skip(m, ['metadata'], 'Service has no metadata.name; it is not planned');
      continue;
    }
    const s = defaultService(m.object);
    const spec = s.spec as Obj;
    const namespace = namespaceOf(m.object, defaultNamespace);
    const type = str(spec.type) ?? 'ClusterIP';
    const hasSelector = isObj(spec.selector) && Object.keys(spec.selector).length > 0 && type !== 'ExternalName';
    const selectorMap = hasSelector ? sortedStringMap(spec.selector) : null;
    if (hasSelector && Object.keys(selectorMap!).length !== Object.keys(spec.selector as Obj).length) {
      skip(m, ['spec', 'selector'], `Service ${name}: selector values must be strings; it is not planned`);
      continue;
    }
    const ports: ServicePortReport[] = [];
    let bad = false;
    for (const { item, index } of objItems(spec.ports)) {
      const port = nonNegInt(item.port);
      const target = item.targetPort;
      if (!port || (typeof target !== 'number' && typeof target !== 'string')) {
        skip(m, ['spec', 'ports', index], `Service ${name}: ports[${index}] needs a port number; it is not planned`);
        bad = true;
        break;
      }
      ports.push({
        name: str(item.name) ?? null,
        port,
        targetPort: typeof target === 'string' && /^[0-9]+$/.test(target) ? Number(target) : target,
        protocol: str(item.protocol) ?? 'TCP',
      });
    }
    if (bad) continue;
    out.push({
      manifest: m,
      selector: selectorMap ? selectorFromMap(selectorMap) : null,
      report: {
        namespace,
        name,
        type,
        headless: spec.clusterIP === 'None',
        selector: selectorMap,
        ports,
        endpoints: [],
      },
    });
  }
  return out.sort((a, b) =>
    compareStrings(`${a.report.namespace}/${a.report.name}`, `${b.report.namespace}/${b.report.name}`),
  );
}

/** Fills each Service's endpoints from the scheduled pods and reports Services that select none. */
export function resolveEndpoints(services: ServiceModel[], pods: EndpointPod[], findings: Finding[]): void {
  const byNamespace = new Map<string, EndpointPod[]>();
  for (const p of pods) {
    let list = byNamespace.get(p.namespace);
    if (!list) byNamespace.set(p.namespace, (list = []));
    list.push(p);
  }
  for (const list of byNamespace.values()) list.sort((a, b) => compareStrings(a.name, b.name));
  // Pods by namespace and `key=value` label (each list in name order): a Service looks only at the pods carrying
  // one of its selector's pairs (the rarest), not at every pod of its namespace.
  const byLabel = new Map<string, Map<string, EndpointPod[]>>();
  for (const [namespace, list] of byNamespace) {
    const index = new Map<string, EndpointPod[]>();
    byLabel.set(namespace, index);
    for (const p of list)
      for (const [k, v] of Object.entries(p.labels)) {
        const pair = `${k}=${v}`;
        const at = index.get(pair);
        if (at) at.push(p);
        else index.set(pair, [p]);
      }
  }
  const candidates = (namespace: string, selectorMap: Record<string, string> | null): EndpointPod[] => {
    const pairs = Object.entries(selectorMap ?? {});
    if (pairs.length === 0) return byNamespace.get(namespace) ?? [];
    let best: EndpointPod[] | undefined;
    for (const [k, v] of pairs) {
      const list = byLabel.get(namespace)?.get(`${k}=${v}`) ?? [];
      if (!best || list.length < best.length) best = list;
    }
    return best ?? [];
  };
  for (const s of services) {
    const selector = s.selector;
    if (!selector) continue; // no selector: endpoints are managed by hand (or ExternalName)
    const r = s.report;
    const selected = candidates(r.namespace, r.selector).filter((p) => selector.matches(p.labels));
    for (const p of selected) {
      const dns =
        r.headless && p.hostname && p.subdomain === r.name
          ? `${p.hostname}.${r.name}.${r.namespace}.svc.${CLUSTER_DOMAIN}`
          : undefined;
      if (r.ports.length === 0) {
        r.endpoints.push({ pod: p.name, node: p.node, port: null, portName: null, ...(dns ? { dns } : {}) });
        continue;
      }
      for (const port of r.ports) {
        const resolved = findPort(p.spec, port.targetPort, port.protocol);
        if (resolved === null) continue;
        r.endpoints.push({ pod: p.name, node: p.node, port: resolved, portName: port.name, ...(dns ? { dns } : {}) });
      }
    }
    if (selected.length === 0) {
      findings.push({
        ruleId: 'plan/no-endpoints',
        severity: 'warning',
        message: `Service ${r.name} selects no scheduled pod (selector ${selector.text}); it has no endpoints`,
        file: s.manifest.file,
        ...s.manifest.locate(['spec', 'selector'], 'key'),
        object: s.manifest.ref,
      });
    } else if (r.ports.length > 0 && r.endpoints.length === 0) {
      findings.push({
        ruleId: 'plan/no-endpoints',
        severity: 'warning',
        message: `Service ${r.name} selects ${selected.length} pod(s) but none has its target port(s) ${r.ports.map((p) => String(p.targetPort)).join(', ')}; it has no endpoints`,
        file: s.manifest.file,
        ...s.manifest.locate(['spec', 'ports'], 'key'),
        object: s.manifest.ref,
      });
    }
  }
}
