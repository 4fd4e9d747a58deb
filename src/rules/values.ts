/**
 * Safe readers for user YAML. Every field may be missing, null or of the wrong type
 * (schema validation reports that separately), so rules read through these instead of casting.
 */
import type { JsonPath } from '../core/types.js';

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value at `path`, or undefined as soon as a step is missing or of the wrong shape. */
export function getIn(root: unknown, path: JsonPath): unknown {
  let node: unknown = root;
  for (const step of path) {
    if (typeof step === 'number' ? !Array.isArray(node) : !isObj(node)) return undefined;
    node = (node as Record<string | number, unknown>)[step];
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

/**
 * A label-like map as strings. YAML 1.1 turns `version: 1.0` or `on: yes` into numbers and
 * booleans; the API server rejects those (schema validation says so), so here they are read as
 * the text the user most likely meant, rather than making every selector rule fire a second time.
 */
export function stringMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isObj(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
  }
  return out;
}
