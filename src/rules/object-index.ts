/**
 * The objects of a run indexed by kind, namespace and name, built once per run so that
 * cross-object rules look things up instead of scanning every object for every object.
 */
import type { Manifest } from '../core/types.js';
import { builtinGroup, groupOf, isClusterScoped, isKind, servesKind } from './kinds.js';
import { matches, type Selector } from './selectors.js';
import { podTemplateOf, type PodTemplate } from './workloads.js';

export class ObjectIndex {
  private readonly byKind = new Map<string, Manifest[]>();
  private readonly byName = new Map<string, Manifest[]>();
  private readonly templates = new Map<string, PodTemplate[]>();
  /** namespace → "key=value" → templates with that label, so selectors need not scan every template. */
  private readonly templatesByLabel = new Map<string, Map<string, PodTemplate[]>>();

  constructor(
    readonly manifests: readonly Manifest[],
    readonly defaultNamespace: string,
  ) {
    for (const manifest of manifests) {
      const kind = manifest.ref.kind;
      if (kind === undefined) continue;
      push(this.byKind, kind, manifest);
      if (manifest.ref.name !== undefined) push(this.byName, key(kind, this.namespaceOf(manifest), manifest.ref.name), manifest);
      const template = podTemplateOf(manifest);
      if (template) this.addTemplate(this.namespaceOf(manifest), template);
    }
  }

  /** metadata.namespace, else the run's default namespace; "" for cluster-scoped kinds. */
  namespaceOf(manifest: Manifest): string {
    if (isClusterScoped(manifest.ref.kind)) return '';
    return manifest.ref.namespace || this.defaultNamespace;
  }

  /** Every object of a built-in `kind` (right API group), in input order. */
  ofKind(kind: string): Manifest[] {
    return (this.byKind.get(kind) ?? []).filter((m) => isKind(m, kind));
  }

  /**
   * The first object named `name` of `kind` in `namespace`. `group` narrows the API group when a
   * reference names one (an HPA's scaleTargetRef.apiVersion); built-in kinds accept their legacy groups.
   */
  find(kind: string, namespace: string, name: string, group?: string): Manifest | undefined {
    return this.findAll(kind, namespace, name, group)[0];
  }

  /** Every object named `name` of `kind` in `namespace` (more than one only when the inputs define duplicates). */
  findAll(kind: string, namespace: string, name: string, group?: string): Manifest[] {
    const candidates = this.byName.get(key(kind, namespace, name)) ?? [];
    return candidates.filter((m) => {
      if (!isKind(m, kind)) return false;
      if (group === undefined) return true;
      return builtinGroup(kind) !== undefined ? servesKind(group, kind) : groupOf(m.ref.apiVersion) === group;
    });
  }

  /** Pod templates of every workload in `namespace`, in input order. */
  podTemplates(namespace: string): readonly PodTemplate[] {
    return this.templates.get(namespace) ?? [];
  }

  /** The pod templates in `namespace` that `selector` matches, in input order. */
  selectTemplates(namespace: string, selector: Selector): PodTemplate[] {
    if (selector.type !== 'requirements') return selector.type === 'everything' ? [...this.podTemplates(namespace)] : [];
    // Start from the smallest set of templates carrying one of the required `key=value` labels.
    const byLabel = this.templatesByLabel.get(namespace);
    let candidates = this.podTemplates(namespace);
    for (const r of selector.requirements) {
      if (r.operator !== 'In') continue;
      const union = r.values.flatMap((v) => byLabel?.get(labelKey(r.key, v)) ?? []);
      if (union.length < candidates.length) candidates = r.values.length > 1 ? inputOrder(union, this.podTemplates(namespace)) : union;
    }
    return candidates.filter((t) => matches(selector, t.labels));
  }

  private addTemplate(namespace: string, template: PodTemplate): void {
    push(this.templates, namespace, template);
    let byLabel = this.templatesByLabel.get(namespace);
    if (!byLabel) this.templatesByLabel.set(namespace, (byLabel = new Map()));
    for (const [key, value] of Object.entries(template.labels)) push(byLabel, labelKey(key, value), template);
  }
}

function labelKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

/** `subset` in the order of `all` (templates of several label values, merged). */
function inputOrder(subset: PodTemplate[], all: readonly PodTemplate[]): PodTemplate[] {
  const wanted = new Set(subset);
  return all.filter((t) => wanted.has(t));
}

function key(kind: string, namespace: string, name: string): string {
  return `${kind}\u0000${namespace}\u0000${name}`;
}

function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v);
  else map.set(k, [v]);
}

const cache = new WeakMap<readonly Manifest[], Map<string, ObjectIndex>>();

/** One index per (manifest list, default namespace), shared by every rule of a run. */
export function indexFor(manifests: readonly Manifest[], defaultNamespace: string): ObjectIndex {
  let byNamespace = cache.get(manifests);
  if (!byNamespace) cache.set(manifests, (byNamespace = new Map()));
  let index = byNamespace.get(defaultNamespace);
  if (!index) byNamespace.set(defaultNamespace, (index = new ObjectIndex(manifests, defaultNamespace)));
  return index;
}
