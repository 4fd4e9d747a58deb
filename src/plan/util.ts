/**
 * Defensive accessors for objects that come straight from users' YAML: any field may be missing,
 * null or of the wrong type, so nothing here throws and every reader states the type it wants.
 */

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value if it is a mapping, else an empty one (never shared: callers may not mutate it anyway). */
export function obj(value: unknown): Obj {
  return isObj(value) ? value : {};
}

export function arr(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Array items that are mappings, with their original index (so findings can point at them). */
export function objItems(value: unknown): Array<{ item: Obj; index: number }> {
  const out: Array<{ item: Obj; index: number }> = [];
  arr(value).forEach((item, index) => {
    if (isObj(item)) out.push({ item, index });
  });
  return out;
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A non-negative safe integer, or undefined. */
export function nonNegInt(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}

export function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? value : undefined;
}

/** string→string map (labels, nodeSelector, annotations); entries whose value is not a string are dropped. */
export function strMap(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
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

/** Byte-wise (code unit) string comparison: the order Go's sort.Strings gives for ASCII names. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Plural helper for messages. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
