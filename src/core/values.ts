/**
 * Safe readers for untyped JSON/YAML values (users' manifests, configuration, cluster state).
 * Every field may be missing, null or of the wrong type (schema validation reports that
 * separately), so nothing here throws and every reader states the type it wants.
 */
import type { JsonPath } from './types.js';
import { dict } from './dict.js';

export type Obj = Record<string, unknown>;

/** A mapping (not null, not an array). */
export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value if it is a mapping, else an empty one (never shared: callers may not mutate it anyway). */
export function obj(value: unknown): Obj {
  return isObj(value) ? value : {};
}

/** The value if it is an array, else an empty one. */
export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** The value if it is a string, else undefined. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A safe integer, or undefined. */
export function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** A non-negative safe integer, or undefined. */
export function nonNegInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

/** Array items that are mappings, with their original index (so findings can point at them). */
export function objItems(value: unknown): Array<{ item: Obj; index: number }> {
  const out: Array<{ item: Obj; index: number }> = [];
  arr(value).forEach((item, index) => {
    if (isObj(item)) out.push({ item, index });
  });
  return out;
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

/** The mapping at `path`, or undefined. */
export function objAt(root: unknown, path: JsonPath): Obj | undefined {
  const value = getIn(root, path);
  return isObj(value) ? value : undefined;
}

/** The array at `path`, or an empty one. */
export function arrayAt(root: unknown, path: JsonPath): unknown[] {
  const value = getIn(root, path);
  return Array.isArray(value) ? value : [];
}

/** The string at `path`, or undefined. */
export function stringAt(root: unknown, path: JsonPath): string | undefined {
  const value = getIn(root, path);
  return typeof value === 'string' ? value : undefined;
}

/**
 * A label-like map as strings, in written order, reading scalars as text. YAML 1.1 turns
 * `version: 1.0` or `on: yes` into numbers and booleans; the API server rejects those (schema
 * validation says so), so rules read them as the text the user most likely meant, rather than
 * making every selector rule fire a second time.
 */
export function scalarStringMap(value: unknown): Record<string, string> {
  const out = dict<string>();
  if (!isObj(value)) return out;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
  }
  return out;
}

/**
 * A string→string map (labels, nodeSelector, annotations) as the API server would hold it: keys
 * sorted, entries whose value is not a string dropped.
 */
export function sortedStringMap(value: unknown): Record<string, string> {
  const out = dict<string>();
  if (!isObj(value)) return out;
  for (const key of Object.keys(value).sort()) {
    const v = value[key];
    if (typeof v === 'string') out[key] = v;
  }
  return out;
}

/** Keys of a map whose values are not strings (Kubernetes rejects them: label values are strings). */
export function nonStringEntries(value: unknown): string[] {
  if (!isObj(value)) return [];
  return Object.keys(value).filter((k) => typeof value[k] !== 'string');
}

/** Deep copy of JSON-like data (YAML-decoded objects are plain data). */
export function clone<T>(value: T): T {
  if (Array.isArray(value)) return value.map(clone) as unknown as T;
  if (isObj(value)) {
    const out: Obj = {};
    for (const key of Object.keys(value)) out[key] = clone(value[key]);
    return out as T;
  }
  return value;
}
