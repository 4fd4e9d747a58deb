/**
 * Labelled items (pod templates) per namespace, indexed by `key=value`, so that a label selector
 * looks at the items carrying one of its required labels instead of at every item of the namespace.
 */
import { matches, type Selector } from '../k8s/label-selector.js';

interface Entry<T> {
  item: T;
  labels: Readonly<Record<string, string>>;
  /** Position in its namespace, in input order (for ties and for merging buckets). */
  position: number;
}

export class LabelIndex<T> {
  private readonly entries = new Map<string, Entry<T>[]>();
  /** namespace → "key\0value" → entries with that label, in input order. */
  private readonly byLabel = new Map<string, Map<string, Entry<T>[]>>();
  /** namespace → key → entries with a label of that key, in input order. */
  private readonly byKey = new Map<string, Map<string, Entry<T>[]>>();

  add(namespace: string, labels: Readonly<Record<string, string>>, item: T): void {
    let entries = this.entries.get(namespace);
    if (!entries) this.entries.set(namespace, (entries = []));
    const entry = { item, labels, position: entries.length };
    entries.push(entry);
    const byLabel = inner(this.byLabel, namespace);
    const byKey = inner(this.byKey, namespace);
    for (const [key, value] of Object.entries(labels)) {
      push(byLabel, labelKey(key, value), entry);
      push(byKey, key, entry);
    }
  }

  /** Every item of `namespace`, in input order. */
  inNamespace(namespace: string): T[] {
    return (this.entries.get(namespace) ?? []).map((e) => e.item);
  }

  /** The items of `namespace` whose labels `selector` matches, in input order. */
  select(namespace: string, selector: Selector): T[] {
    const all = this.entries.get(namespace) ?? [];
    if (selector.type !== 'requirements') return selector.type === 'everything' ? all.map((e) => e.item) : [];
    // Start from the smallest set of items carrying one of the values an `In` requirement allows.
    let candidates = all;
    for (const r of selector.requirements) {
      if (r.operator !== 'In') continue;
      const carrying = this.carrying(namespace, r.key, r.values);
      if (carrying.length < candidates.length) candidates = carrying;
    }
    return candidates.filter((e) => matches(selector, e.labels)).map((e) => e.item);
  }

  /** The items of `namespace` that carry at least one of the label `keys` (any value), in input order. */
  withAnyKey(namespace: string, keys: Iterable<string>): T[] {
    const byKey = this.byKey.get(namespace);
    const found = new Set<Entry<T>>();
    for (const key of new Set(keys)) for (const entry of byKey?.get(key) ?? []) found.add(entry);
    return [...found].sort((a, b) => a.position - b.position).map((e) => e.item);
  }

  /** Entries whose label `key` has one of `values`, in input order, each once. */
  private carrying(namespace: string, key: string, values: readonly string[]): Entry<T>[] {
    const byLabel = this.byLabel.get(namespace);
    const distinct = [...new Set(values)];
    if (distinct.length === 1) return byLabel?.get(labelKey(key, distinct[0]!)) ?? [];
    // An item has one value per key, so the buckets of different values never share an entry.
    return distinct.flatMap((v) => byLabel?.get(labelKey(key, v)) ?? []).sort((a, b) => a.position - b.position);
  }
}

function labelKey(key: string, value: string): string {
  return `${key}\u0000${value}`;
}

function inner<V>(outer: Map<string, Map<string, V>>, key: string): Map<string, V> {
  let map = outer.get(key);
  if (!map) outer.set(key, (map = new Map()));
  return map;
}

function push<V>(map: Map<string, V[]>, key: string, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
