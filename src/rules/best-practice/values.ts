/**
 * Safe readers for user YAML: every field may be missing, null or of the wrong type,
 * so rules read through these instead of casting.
 */
import type { JsonPath } from '../../core/types.js';

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path`, or undefined as soon as a step is missing or of the wrong shape. */
export function getIn(root: unknown, path: JsonPath): unknown {
  let node: unknown = root;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!Array.isArray(node)) return undefined;
      node = node[step];
    } else {
      if (!isObj(node)) return undefined;
      node = node[step];
    }
  }
  return node;
}

export function objAt(root: unknown, path: JsonPath): Obj | undefined {
  const value = getIn(root, path);
  return isObj(value) ? value : undefined;
}

export function arrayAt(root: unknown, path: JsonPath): unknown[] {
  const value = getIn(root, path);
  return Array.isArray(value) ? value : [];
}

export function stringAt(root: unknown, path: JsonPath): string | undefined {
  const value = getIn(root, path);
  return typeof value === 'string' ? value : undefined;
}

/** A finite integer (YAML may give 3, 3.0 or "3"; only real numbers count). */
export function intAt(root: unknown, path: JsonPath): number | undefined {
  const value = getIn(root, path);
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

/** String-valued entries of a map (labels, selectors); other values are skipped. */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}
