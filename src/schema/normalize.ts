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

/** The loader caps nesting far below this; the guard only keeps a malformed object from overflowing the stack. */
const MAX_DEPTH = 512;

function normalize(
  value: unknown,
  path: (string | number)[] /* mutated while walking */,
  manifest: Pick<Manifest, 'scalarSource'>,
): unknown {
  if (value instanceof Date) return dateText(value, path, manifest);
  if (path.length > MAX_DEPTH) return value;
  if (Array.isArray(value)) {
    let copy: unknown[] | undefined;
    for (let index = 0; index < value.length; index++) {
      const item: unknown = value[index];
      path.push(index);
      const next = normalize(item, path, manifest);
      path.pop();
      if (next !== item) (copy ??= [...value])[index] = next;
    }
    return copy ?? value;
  }
  if (value !== null && typeof value === 'object') {
    // Copy only once something changes: most objects have no nulls or dates.
    let copy: Record<string, unknown> | undefined;
    const keys = Object.keys(value);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]!;
      const item = (value as Record<string, unknown>)[key];
      let next: unknown = undefined;
      if (item !== null) {
        path.push(key);
        next = normalize(item, path, manifest);
        path.pop();
        if (next === item && copy === undefined) continue;
      }
      if (copy === undefined) {
        copy = {};
        for (let j = 0; j < i; j++) define(copy, keys[j]!, (value as Record<string, unknown>)[keys[j]!]);
      }
      if (item !== null) define(copy, key, next);
    }
    return copy ?? value;
  }
  return value;
}

/** defineProperty: a "__proto__" key must stay a key, not replace the prototype. */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function dateText(date: Date, path: JsonPath, manifest: Pick<Manifest, 'scalarSource'>): string {
  const source = manifest.scalarSource(path);
  if (source?.plain) return source.text;
  return Number.isNaN(date.getTime()) ? String(date) : date.toISOString();
}
