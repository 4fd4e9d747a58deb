/** Service facts shared by the Service, Ingress, StatefulSet and probe rules. */
import type { Manifest } from '../core/types.js';
import { containersOf } from './containers.js';
import { isKind } from '../k8s/kinds.js';
import type { ObjectIndex } from './object-index.js';
import { parseMapSelector, type Selector } from '../k8s/label-selector.js';
import { arrayAt, getIn, isObj, type Obj } from '../core/values.js';
import { podsByLabel, type PodTemplate } from './workloads.js';

/** The pods a Service routes to, or undefined when it routes to none by design (ExternalName). */
function serviceSelectorOf(manifest: Manifest): Selector | undefined {
  if (getIn(manifest.object, ['spec', 'type']) === 'ExternalName') return undefined;
  return parseMapSelector(getIn(manifest.object, ['spec', 'selector']));
}

export interface LabelSelectingService {
  service: Manifest;
  namespace: string;
  /** A selector with requirements (Services without one have their endpoints managed elsewhere). */
  selector: Selector;
}

/** The Services in `manifests` that pick their pods by label, in input order. */
export function* labelSelectingServices(
  manifests: readonly Manifest[],
  index: ObjectIndex,
): Generator<LabelSelectingService> {
  for (const service of manifests) {
    if (!isKind(service, 'Service')) continue;
    const selector = serviceSelectorOf(service);
    if (selector?.type === 'requirements') yield { service, namespace: index.namespaceOf(service), selector };
  }
}

export interface ServicePort {
  port: Obj;
  index: number;
}

export function servicePortsOf(manifest: Manifest): ServicePort[] {
  return arrayAt(manifest.object, ['spec', 'ports']).flatMap((port, index) => (isObj(port) ? [{ port, index }] : []));
}

/**
 * Whether a pod is behind a Service, as far as the objects of the run can tell: 'selected' when a
 * Service in its namespace selects its pod labels (`podLabelsOf`), 'not-selected' when the run has
 * Services but none selects it, 'unknown' when the run has no Service at all (a lone workload file).
 */
export type ServiceExposure = 'selected' | 'not-selected' | 'unknown';

export function serviceExposure(index: ObjectIndex, template: PodTemplate): ServiceExposure {
  const { anyService, selected } = index.derived(selectedByServices);
  if (!anyService) return 'unknown';
  return selected.has(template.manifest) ? 'selected' : 'not-selected';
}

/** The workloads whose pods some Service selects, found once per run from the Services' side. */
function selectedByServices(index: ObjectIndex): { anyService: boolean; selected: Set<Manifest> } {
  const pods = podsByLabel(index);
  const selected = new Set<Manifest>();
  for (const { namespace, selector } of labelSelectingServices(index.manifests, index)) {
    for (const template of pods.select(namespace, selector)) selected.add(template.manifest);
  }
  return { anyService: index.ofKind('Service').length > 0, selected };
}

/** Headless: `clusterIP: None`, the only kind of Service that gives each StatefulSet pod a DNS name. */
export function isHeadless(manifest: Manifest): boolean {
  return getIn(manifest.object, ['spec', 'clusterIP']) === 'None';
}

export interface ContainerPort {
  name?: string;
  containerPort?: number;
  protocol: string;
  template: PodTemplate;
}

/**
 * Ports declared by the serving containers of `templates`: app containers and native sidecars
 * (init containers with restartPolicy Always), the ones that are running when traffic arrives.
 */
export function containerPortsOf(templates: readonly PodTemplate[]): ContainerPort[] {
  const out: ContainerPort[] = [];
  for (const template of templates) {
    for (const { container, list, sidecar } of containersOf(template, ['containers', 'initContainers'])) {
      if (list === 'initContainers' && !sidecar) continue;
      for (const port of Array.isArray(container.ports) ? container.ports : []) {
        if (!isObj(port)) continue;
        out.push({
          ...(typeof port.name === 'string' ? { name: port.name } : {}),
          ...(typeof port.containerPort === 'number' ? { containerPort: port.containerPort } : {}),
          protocol: typeof port.protocol === 'string' ? port.protocol : 'TCP',
          template,
        });
      }
    }
  }
  return out;
}

/** `Deployment web declares http, metrics` style lists, capped for readability. */
export function listPorts(ports: readonly ContainerPort[], show: (p: ContainerPort) => string | undefined): string {
  const shown = [...new Set(ports.map(show).filter((s): s is string => s !== undefined))];
  if (shown.length === 0) return 'none';
  return shown.length > 6 ? `${shown.slice(0, 6).join(', ')}, …` : shown.join(', ');
}
