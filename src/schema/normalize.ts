/**
 * Brings a parsed object to the shape the API server validates:
 *  - `field: null` in a mapping means "unset" to Kubernetes (`creationTimestamp: null` is
 *    everywhere in generated manifests), so such keys are dropped; null list items stay and
 *    fail their type check, as they do in the API server;
 *  - YAML 1.1 timestamps that the parser turned into Date objects are strings to Kubernetes
 *    (go-yaml v2 keeps timestamp-looking scalars as strings), so they go back to their source text.
 * Unchanged subtrees are shared, not copied.
 */
import type { JsonPath, Manifest } from '../core/types.js';

export function normalizeForValidation(manifest: Pick<Manifest, 'object' | 'scalarSource'>): Record<string, unknown> {
  return normalize(manifest.object, [], manifest) as Record<string, unknown>;
}

function normalize(value: unknown, path: (string | number)[] /* mutated while walking */, manifest: Pick<Manifest, 'scalarSource'>): unknown {
  if (value instanceof Date) return dateText(value, path, manifest);
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    value.forEach((item, index) => {
      path.push(index);
      const next = normalize(item, path, manifest);
      path.pop();
      if (next !== item) (copy ??= [...value])[index] = next;
    });
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    let changed = false;
    const result: Record<string, unknown> = {};
    for (const [key, item] of entries) {
      if (item === null) {
        changed = true;
        continue;
      }
      path.push(key);
      const next = normalize(item, path, manifest);
      path.pop();
      if (next !== item) changed = true;
      // defineProperty: a "__proto__" key must stay a key, not replace the prototype.
      Object.defineProperty(result, key, { value: next, enumerable: true, writable: true, configurable: true });
    }
    return changed ? result : value;
  }
  return value;
}

function dateText(date: Date, path: JsonPath, manifest: Pick<Manifest, 'scalarSource'>): string {
  const source = manifest.scalarSource(path);
  if (source?.plain) return source.text;
  return Number.isNaN(date.getTime()) ? String(date) : date.toISOString();
}
