/**
 * Builds the scheduler's SchedPod from a (defaulted) pod: resource requests as
 * component-helpers/resource PodRequests computes them, tolerations, node and pod (anti-)affinity,
 * topology spread constraints and host ports. Malformed fields become errors, never exceptions.
 */
import {
  compileLabelSelector,
  makeSelector,
  NOTHING,
  type Labels,
  type Requirement,
  type Selector,
} from '../../k8s/label-selector.js';
import { compileNodeSelector, compileNodeTerm } from '../node-selector.js';
import { parseResource } from '../../k8s/quantity.js';
import { arr, nonNegInt, obj, objItems, str, sortedStringMap, type Obj } from '../../core/values.js';
import type { AffinityTerm, HostPort, Resources, SchedPod, SpreadConstraint, Taint, Toleration } from './types.js';

/** pkg/scheduler/util DefaultMilliCPURequest / DefaultMemoryRequest: used for scoring only. */
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;

export interface PodInput {
  name: string;
  namespace: string;
  labels: Labels;
  /** The pod spec, already defaulted (see defaults.ts). */
  spec: Obj;
  priority?: number;
  ownerSelector?: Selector | null;
}

export interface PodProblem {
  /** Path inside the pod spec. */
  path: Array<string | number>;
  message: string;
}

function addTo(target: Resources, source: Resources): void {
  for (const [k, v] of Object.entries(source)) target[k] = (target[k] ?? 0) + v;
}

function maxInto(target: Resources, source: Resources): void {
  for (const [k, v] of Object.entries(source)) if (v > (target[k] ?? 0)) target[k] = v;
}

/** A container's `resources.requests` in scheduler units; invalid quantities are reported. */
function containerRequests(c: Obj, path: Array<string | number>, problems: PodProblem[]): Resources {
  const out: Resources = {};
  const requests = obj(obj(c.resources).requests);
  for (const key of Object.keys(requests).sort()) {
    const v = parseResource(key, requests[key]);
    if (v === null || v < 0) {
      problems.push({
        path: [...path, 'resources', 'requests', key],
        message: `invalid quantity ${JSON.stringify(requests[key])} for ${key}`,
      });
      continue;
    }
    out[key] = v;
  }
  return out;
}

/**
 * resourcehelper.PodRequests: sum(containers) + sidecars, max'ed with each init container (which runs alongside the
 * sidecars started before it), then overhead; `nonMissing` fills cpu/memory for containers that omit them (scoring).
 */
export function podRequests(spec: Obj, nonMissing: Resources | null, problems: PodProblem[] = []): Resources {
  const withDefaults = (r: Resources): Resources => {
    if (!nonMissing) return r;
    const out = { ...r };
    for (const [k, v] of Object.entries(nonMissing)) if (!(k in out)) out[k] = v;
    return out;
  };
  const reqs: Resources = {};
  for (const { item, index } of objItems(spec.containers))
    addTo(reqs, withDefaults(containerRequests(item, ['containers', index], problems)));
  const restartable: Resources = {};
  const initMax: Resources = {};
  for (const { item, index } of objItems(spec.initContainers)) {
    let r = withDefaults(containerRequests(item, ['initContainers', index], problems));
    if (item.restartPolicy === 'Always') {
      // A sidecar keeps running: it adds to the pod's steady state and to every later init container.
      addTo(reqs, r);
      addTo(restartable, r);
      r = { ...restartable };
    } else {
      const tmp: Resources = { ...r };
      addTo(tmp, restartable);
      r = tmp;
    }
    maxInto(initMax, r);
  }
  maxInto(reqs, initMax);
  // Pod-level resources (spec.resources.requests, PodLevelResources) replace the container sum for cpu/memory.
  const podLevel = obj(obj(spec.resources).requests);
  for (const key of ['cpu', 'memory']) {
    if (podLevel[key] === undefined) continue;
    const v = parseResource(key, podLevel[key]);
    if (v === null || v < 0)
      problems.push({
        path: ['resources', 'requests', key],
        message: `invalid quantity ${JSON.stringify(podLevel[key])} for ${key}`,
      });
    else reqs[key] = v;
  }
  const overhead = obj(spec.overhead);
  for (const key of Object.keys(overhead).sort()) {
    const v = parseResource(key, overhead[key]);
    if (v === null || v < 0)
      problems.push({
        path: ['overhead', key],
        message: `invalid quantity ${JSON.stringify(overhead[key])} for ${key}`,
      });
    else reqs[key] = (reqs[key] ?? 0) + v;
  }
  return reqs;
}

export function parseTolerations(value: unknown): Toleration[] {
  return objItems(value).map(({ item }) => ({
    key: str(item.key) ?? '',
    operator: str(item.operator) ?? 'Equal',
    value: str(item.value) ?? '',
    effect: str(item.effect) ?? '',
  }));
}

export function parseTaints(value: unknown): Taint[] {
  return objItems(value).map(({ item }) => ({
    key: str(item.key) ?? '',
    value: str(item.value) ?? '',
    effect: str(item.effect) ?? '',
  }));
}

/** v1helper Toleration.ToleratesTaint. */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect !== '' && t.effect !== taint.effect) return false;
  if (t.key !== '' && t.key !== taint.key) return false;
  switch (t.operator) {
    case '':
    case 'Equal':
      return t.value === taint.value;
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** v1helper.FindMatchingUntoleratedTaint over taints passing `filter`. */
export function firstUntoleratedTaint(
  taints: Taint[],
  tolerations: Toleration[],
  filter: (t: Taint) => boolean,
): Taint | null {
  for (const taint of taints) {
    if (!filter(taint)) continue;
    if (!tolerations.some((t) => toleratesTaint(t, taint))) return taint;
  }
  return null;
}

export const doNotScheduleTaint = (t: Taint): boolean => t.effect === 'NoSchedule' || t.effect === 'NoExecute';

/** The normalised image name ImageLocality looks up: untagged names get ":latest". */
export function normalizedImageName(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') ? `${name}:latest` : name;
}

function parseAffinityTerms(
  value: unknown,
  ownNamespace: string,
  weighted: boolean,
  path: Array<string | number>,
  labels: Labels,
  problems: PodProblem[],
): AffinityTerm[] {
  const terms: AffinityTerm[] = [];
  for (const { item, index } of objItems(value)) {
    const term = weighted ? obj(item.podAffinityTerm) : item;
    const weight = weighted ? (nonNegInt(item.weight) ?? 0) : 0;
    const where = weighted ? [...path, index, 'podAffinityTerm'] : [...path, index];
    const topologyKey = str(term.topologyKey);
    if (!topologyKey) {
      problems.push({ path: [...where, 'topologyKey'], message: 'topologyKey is required' });
      continue;
    }
    let selector: Selector;
    if (term.labelSelector === undefined || term.labelSelector === null) {
      selector = NOTHING; // a nil labelSelector selects no pod (labels.Nothing())
    } else {
      const compiled = compileLabelSelector(term.labelSelector);
      if (!compiled.ok) {
        problems.push({ path: [...where, 'labelSelector'], message: compiled.error });
        continue;
      }
      selector = withLabelKeys(compiled.selector, term.matchLabelKeys, term.mismatchLabelKeys, labels);
    }
    const namespaces = new Set(arr(term.namespaces).filter((n): n is string => typeof n === 'string'));
    let namespaceSelector: Selector | null = null;
    if (term.namespaceSelector !== undefined && term.namespaceSelector !== null) {
      const ns = compileLabelSelector(term.namespaceSelector);
      if (!ns.ok) {
        problems.push({ path: [...where, 'namespaceSelector'], message: ns.error });
        continue;
      }
      namespaceSelector = ns.selector;
    }
    // framework.newAffinityTerm: no namespaces and no namespaceSelector means the pod's own namespace.
    if (namespaces.size === 0 && namespaceSelector === null) namespaces.add(ownNamespace);
    if (weighted && weight === 0) continue;
    terms.push({ selector, namespaces, namespaceSelector, topologyKey, weight });
  }
  return terms;
}

/** matchLabelKeys / mismatchLabelKeys: the pod's own label values are ANDed into the selector. */
function withLabelKeys(selector: Selector, matchKeys: unknown, mismatchKeys: unknown, labels: Labels): Selector {
  const extra: Requirement[] = [];
  const valueOf = (key: unknown) => (typeof key === 'string' && key in labels ? labels[key] : undefined);
  for (const key of arr(matchKeys)) {
    const value = valueOf(key);
    if (typeof key === 'string' && value !== undefined) extra.push({ key, operator: 'In', values: [value] });
  }
  for (const key of arr(mismatchKeys)) {
    const value = valueOf(key);
    if (typeof key === 'string' && value !== undefined) extra.push({ key, operator: 'NotIn', values: [value] });
  }
  return extra.length === 0 ? selector : makeSelector([...selector.requirements, ...extra]);
}

function parseSpread(value: unknown, labels: Labels, problems: PodProblem[]): SpreadConstraint[] {
  const out: SpreadConstraint[] = [];
  for (const { item, index } of objItems(value)) {
    const maxSkew = nonNegInt(item.maxSkew);
    const topologyKey = str(item.topologyKey);
    const when = item.whenUnsatisfiable;
    if (!maxSkew || maxSkew < 1) {
      problems.push({
        path: ['topologySpreadConstraints', index, 'maxSkew'],
        message: 'maxSkew must be an integer ≥ 1',
      });
      continue;
    }
    if (!topologyKey) {
      problems.push({ path: ['topologySpreadConstraints', index, 'topologyKey'], message: 'topologyKey is required' });
      continue;
    }
    if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway') {
      problems.push({
        path: ['topologySpreadConstraints', index, 'whenUnsatisfiable'],
        message: 'whenUnsatisfiable must be DoNotSchedule or ScheduleAnyway',
      });
      continue;
    }
    let selector: Selector | null = null;
    if (item.labelSelector !== undefined && item.labelSelector !== null) {
      const compiled = compileLabelSelector(item.labelSelector);
      if (!compiled.ok) {
        problems.push({ path: ['topologySpreadConstraints', index, 'labelSelector'], message: compiled.error });
        continue;
      }
      selector = withLabelKeys(compiled.selector, item.matchLabelKeys, undefined, labels);
    }
    out.push({
      maxSkew,
      topologyKey,
      whenUnsatisfiable: when,
      selector,
      minDomains: nonNegInt(item.minDomains) ?? 1,
      honorNodeAffinity: item.nodeAffinityPolicy !== 'Ignore',
      honorNodeTaints: item.nodeTaintsPolicy === 'Honor',
    });
  }
  return out;
}

function hostPortsOf(spec: Obj): HostPort[] {
  const out: HostPort[] = [];
  // NodePorts looks at containers (and, since sidecars, restartable init containers).
  const containers = [
    ...objItems(spec.containers),
    ...objItems(spec.initContainers).filter(({ item }) => item.restartPolicy === 'Always'),
  ];
  for (const { item } of containers) {
    for (const { item: p } of objItems(item.ports)) {
      const port = nonNegInt(p.hostPort);
      if (!port) continue;
      out.push({ ip: str(p.hostIP) || '0.0.0.0', protocol: str(p.protocol) || 'TCP', port });
    }
  }
  return out;
}

/**
 * What buildSchedPod derives from (spec, namespace, labels): replicas share one spec object (podFromTemplate
 * with sharedSpec), so their requests, tolerations, compiled selectors and terms are built once and shared.
 */
const built = new WeakMap<Obj, Map<string, { pod: SchedPod; problems: PodProblem[] }>>();

/**
 * Label names and values as small numbers, per spec: the cache key of a pod is then a few characters per label
 * whatever the values' size. (JSON.stringify of the labels per pod was 3.8 GB of text for 2,000 replicas of a
 * 1.9 MB label set — issue 16; a string's hash is cached by V8, so looking up the same value again is cheap.)
 */
const stringIds = new WeakMap<Obj, Map<string, number>>();

function labelsKey(spec: Obj, namespace: string, labels: Labels): string {
  let ids = stringIds.get(spec);
  if (!ids) stringIds.set(spec, (ids = new Map()));
  const idOf = (text: string): number => {
    let id = ids.get(text);
    if (id === undefined) ids.set(text, (id = ids.size));
    return id;
  };
  let key = String(idOf(namespace));
  for (const [name, value] of Object.entries(labels)) key += `,${idOf(name)}=${idOf(String(value))}`;
  return key;
}

/**
 * Builds the scheduling view of a pod. Problems are returned; the pod is still usable (bad parts are left out).
 * The parsed parts (requests, terms, …) are shared between pods with the same spec object, namespace and labels:
 * treat them as read-only.
 */
export function buildSchedPod(input: PodInput): { pod: SchedPod; problems: PodProblem[] } {
  let bySpec = built.get(input.spec);
  if (!bySpec) built.set(input.spec, (bySpec = new Map()));
  const key = labelsKey(input.spec, input.namespace, input.labels);
  let template = bySpec.get(key);
  if (!template) bySpec.set(key, (template = buildUncached(input)));
  const pod: SchedPod = {
    ...template.pod,
    name: input.name,
    labels: input.labels,
    priority: input.priority ?? 0,
    ownerSelector: input.ownerSelector ?? null,
  };
  equivalence.set(pod, template);
  return { pod, problems: template.problems };
}

/** Pods built from the same (spec, namespace, labels): the same object. */
const equivalence = new WeakMap<SchedPod, object>();

/**
 * What makes two pods interchangeable for the scheduler: built from one (spec, namespace, labels), with the same
 * priority and owner selector. Only the name differs, and no plugin reads it.
 */
export function equivalenceClass(pod: SchedPod): object | undefined {
  return equivalence.get(pod);
}

function buildUncached(input: PodInput): { pod: SchedPod; problems: PodProblem[] } {
  const problems: PodProblem[] = [];
  const spec = input.spec;
  const requests = podRequests(spec, null, problems);
  const nonZero = podRequests(spec, { cpu: DEFAULT_MILLI_CPU_REQUEST, memory: DEFAULT_MEMORY_REQUEST });
  const affinity = obj(spec.affinity);
  const nodeAffinity = obj(affinity.nodeAffinity);
  let requiredNodeAffinity = null;
  const required = nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (required !== undefined && required !== null) {
    const compiled = compileNodeSelector(required);
    if (compiled.ok) requiredNodeAffinity = compiled.selector;
    else
      problems.push({
        path: ['affinity', 'nodeAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'],
        message: compiled.error,
      });
  }
  const preferredNodeAffinity: SchedPod['preferredNodeAffinity'] = [];
  for (const { item, index } of objItems(nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution)) {
    const weight = nonNegInt(item.weight) ?? 0;
    const term = compileNodeTerm(item.preference);
    if (typeof term === 'string') {
      problems.push({
        path: ['affinity', 'nodeAffinity', 'preferredDuringSchedulingIgnoredDuringExecution', index],
        message: term,
      });
      continue;
    }
    if (weight > 0) preferredNodeAffinity.push({ weight, term });
  }
  const podAffinity = obj(affinity.podAffinity);
  const podAnti = obj(affinity.podAntiAffinity);
  const ns = input.namespace;
  const labels = input.labels;
  const images: string[] = [];
  for (const list of [spec.initContainers, spec.containers])
    for (const { item } of objItems(list))
      if (typeof item.image === 'string') images.push(normalizedImageName(item.image));
  const nodeSelector = sortedStringMap(spec.nodeSelector);
  const pod: SchedPod = {
    name: input.name,
    namespace: ns,
    labels,
    nodeName: typeof spec.nodeName === 'string' && spec.nodeName !== '' ? spec.nodeName : null,
    priority: input.priority ?? 0,
    ...(spec.preemptionPolicy === 'Never' || spec.preemptionPolicy === 'PreemptLowerPriority'
      ? { preemptionPolicy: spec.preemptionPolicy }
      : {}),
    requests,
    nonZeroCpu: nonZero.cpu ?? 0,
    nonZeroMemory: nonZero.memory ?? 0,
    hostPorts: hostPortsOf(spec),
    tolerations: parseTolerations(spec.tolerations),
    nodeSelector,
    requiredNodeAffinity,
    preferredNodeAffinity,
    spreadConstraints: parseSpread(spec.topologySpreadConstraints, labels, problems),
    requiredAffinity: parseAffinityTerms(
      podAffinity.requiredDuringSchedulingIgnoredDuringExecution,
      ns,
      false,
      ['affinity', 'podAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'],
      labels,
      problems,
    ),
    requiredAntiAffinity: parseAffinityTerms(
      podAnti.requiredDuringSchedulingIgnoredDuringExecution,
      ns,
      false,
      ['affinity', 'podAntiAffinity', 'requiredDuringSchedulingIgnoredDuringExecution'],
      labels,
      problems,
    ),
    preferredAffinity: parseAffinityTerms(
      podAffinity.preferredDuringSchedulingIgnoredDuringExecution,
      ns,
      true,
      ['affinity', 'podAffinity', 'preferredDuringSchedulingIgnoredDuringExecution'],
      labels,
      problems,
    ),
    preferredAntiAffinity: parseAffinityTerms(
      podAnti.preferredDuringSchedulingIgnoredDuringExecution,
      ns,
      true,
      ['affinity', 'podAntiAffinity', 'preferredDuringSchedulingIgnoredDuringExecution'],
      labels,
      problems,
    ),
    images,
    containerCount: arr(spec.containers).length + arr(spec.initContainers).length,
    ownerSelector: input.ownerSelector ?? null,
    schedulingGates: objItems(spec.schedulingGates)
      .map(({ item }) => str(item.name) ?? '')
      .filter(Boolean),
  };
  return { pod, problems };
}

/** Does the pod have any inter-pod (anti-)affinity term? (NodeInfo.PodsWithAffinity) */
export function hasPodAffinity(p: SchedPod): boolean {
  return (
    p.requiredAffinity.length +
      p.requiredAntiAffinity.length +
      p.preferredAffinity.length +
      p.preferredAntiAffinity.length >
    0
  );
}

/** Does a term select `pod`? (framework.AffinityTerm.Matches) `nsLabels` are the labels of pod's namespace. */
export function termMatches(
  term: AffinityTerm,
  pod: { namespace: string; labels: Labels },
  nsLabels: (ns: string) => Labels,
): boolean {
  const nsOk =
    term.namespaces.has(pod.namespace) ||
    (term.namespaceSelector !== null && term.namespaceSelector.matches(nsLabels(pod.namespace)));
  return nsOk && term.selector.matches(pod.labels);
}
