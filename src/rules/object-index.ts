/**
 * The objects of a run indexed by kind, namespace and name, built once per run so that
 * cross-object rules look things up instead of scanning every object for every object.
 */
import type { Manifest } from '../core/types.js';
import { builtinGroup, groupOf, isClusterScoped, isKind, servesKind } from '../k8s/kinds.js';
import { LabelIndex } from './label-index.js';
import { mayMeetRunTimeRequirement, RUN_TIME_LABEL_KEYS } from '../k8s/controller-labels.js';
import { makeSelector, requirementMatches, type Selector } from '../k8s/label-selector.js';
import { podTemplateOf, type PodTemplate } from './workloads.js';

export class ObjectIndex {
  private readonly byKind = new Map<string, Manifest[]>();
  private readonly byName = new Map<string, Manifest[]>();
  private readonly templates = new LabelIndex<PodTemplate>();
  private readonly derivedValues = new Map<(index: ObjectIndex) => unknown, unknown>();

  constructor(
    readonly manifests: readonly Manifest[],
    readonly defaultNamespace: string,
  ) {
    for (const manifest of manifests) {
      const kind = manifest.ref.kind;
      if (kind === undefined) continue;
      push(this.byKind, kind, manifest);
      if (manifest.ref.name !== undefined)
        push(this.byName, key(kind, this.namespaceOf(manifest), manifest.ref.name), manifest);
      const template = podTemplateOf(manifest);
      if (template) this.templates.add(this.namespaceOf(manifest), template.labels, template);
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

  /** Pod templates of every built-in workload in `namespace`, in input order. */
  podTemplates(namespace: string): readonly PodTemplate[] {
    return this.templates.inNamespace(namespace);
  }

  /**
   * The pod templates in `namespace` whose pods `selector` matches, in input order. Requirements on labels that
   * controllers add at run time (`statefulset.kubernetes.io/pod-name`, `pod-template-hash`, …) are met by the pods of
   * a workload whose controller sets that label, as the planner's generated pods carry it (src/k8s/controller-labels.ts).
   */
  selectTemplates(namespace: string, selector: Selector): PodTemplate[] {
    if (selector.type !== 'requirements') return this.templates.select(namespace, selector);
    const runTime = selector.requirements.filter((r) => RUN_TIME_LABEL_KEYS.has(r.key));
    if (runTime.length === 0) return this.templates.select(namespace, selector);
    const rest = makeSelector(selector.requirements.filter((r) => !RUN_TIME_LABEL_KEYS.has(r.key)));
    return this.templates
      .select(namespace, rest)
      .filter((t) => runTime.every((r) => mayMeetRunTimeRequirement(t.kind, r) ?? requirementMatches(r, t.labels)));
  }

  /** The pod templates in `namespace` with a label of one of the `keys` (any value), in input order. */
  templatesWithAnyKey(namespace: string, keys: Iterable<string>): PodTemplate[] {
    return this.templates.withAnyKey(namespace, keys);
  }

  /**
   * A value computed from the run's objects on first use, then shared by every rule of the run: the
   * way a helper builds its own index once instead of scanning every object for every object.
   * `build` is the cache key, so pass a module-level function, not a closure.
   */
  derived<T>(build: (index: ObjectIndex) => T): T {
    if (!this.derivedValues.has(build)) this.derivedValues.set(build, build(this));
    return this.derivedValues.get(build) as T;
  }
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
