/**
 * Lookup tables keyed by input. A plain `{}` answers `table['constructor']` and `'toString' in table` from
 * Object.prototype, so a manifest with `kind: constructor` or a label named `__proto__` would read a function
 * where a table entry was expected. Tables keyed by input are Maps, null-prototype objects, or read with `own`.
 */

/** `table[key]` if `key` is the table's own entry, else undefined (never an Object.prototype member). */
export function own<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** A null-prototype copy of `entries`: `table[key]` and `key in table` see only these entries. */
export function table<V>(entries: Readonly<Record<string, V>>): Readonly<Record<string, V>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, V>, entries));
}

/** An empty null-prototype object to fill with input keys. */
export function dict<V>(): Record<string, V> {
  return Object.create(null) as Record<string, V>;
}
