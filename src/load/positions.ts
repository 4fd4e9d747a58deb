/**
 * Source positions of one parsed document as plain data: what `Manifest.locate` and `scalarSource` need, without
 * keeping yaml's Document tree. Built once per document while it is parsed; plain objects, arrays and Maps, so it
 * crosses worker threads (`--jobs`) by structured clone and costs a fraction of the Document's memory.
 *
 * The lookups follow DocumentSourceMap's walk exactly (test/load/positions.test.ts compares the two on every path of
 * the corpus): merge keys, aliases (an alias is its anchored node), an empty value points at its key, an empty
 * sequence item at its `-`, a missing path falls back to the deepest node reached, then to the whole document.
 */
import { isAlias, isMap, isScalar, isSeq, type Alias, type Document, type Node, type Pair } from 'yaml';
import type { JsonPath, LocateTarget } from '../core/types.js';

/** A node's range in file offsets; start -1 when yaml gave it none. */
export interface PositionNode {
  start: number;
  end: number;
  /** A scalar: `plain` when unquoted (scalarSource explains YAML 1.1 surprises of plain scalars only). */
  scalar?: 'plain' | 'other';
  /** `key:` or `- ` with nothing after it: lookups stop here (at the key, or at the `-` offset in `dash`). */
  empty?: boolean;
  dash?: number;
  /** A mapping's fields by name (merged fields included, explicit ones first), or a sequence's items. */
  fields?: Map<string, PositionField>;
  items?: Array<PositionNode | null>;
}

export interface PositionField {
  keyStart: number;
  keyEnd: number;
  /** The value (null when the pair has no value node). */
  value: PositionNode | null;
}

export interface DocumentPositions {
  root: PositionNode | null;
  /** Where findings about the whole document point when nothing closer exists. */
  documentStart: number;
  documentEnd: number;
}

/** Merge keys are followed this deep, as DocumentSourceMap.findPair does. */
const MAX_MERGE_DEPTH = 8;

type Ranged = { range?: [number, number, number] | null };

/**
 * Builds the positions of `doc` (offsets relative to `chunk`, which starts at `base` in the file). `aliases` maps each
 * alias to its anchored node (the loader's checkGraph resolved them once; cycles were rejected before this runs).
 */
export function buildPositions(
  doc: Document,
  aliases: ReadonlyMap<Alias, Node | null>,
  chunk: string,
  base: number,
): DocumentPositions {
  const built = new Map<unknown, PositionNode>();
  const deref = (node: unknown): Node | null => {
    let n = (node ?? null) as Node | null;
    for (let i = 0; i < 16 && n && isAlias(n); i++) {
      const known = aliases.get(n);
      n = known !== undefined ? known : ((n.resolve(doc) as Node | undefined) ?? null);
    }
    return n;
  };
  const rangeOf = (node: unknown): [number, number] => {
    const r = (node as Ranged | null | undefined)?.range;
    return r ? [base + r[0], base + r[1]] : [-1, -1];
  };
  /** The fields of a mapping as findPair resolves them: the first explicit key, else the first merge source's. */
  const fieldsOf = (items: unknown[], depth: number): Map<string, Pair> => {
    const fields = new Map<string, Pair>();
    for (const pair of items as Pair[]) {
      const name = keyName(pair);
      if (name !== undefined && !fields.has(name)) fields.set(name, pair);
    }
    if (depth >= MAX_MERGE_DEPTH) return fields;
    for (const pair of items as Pair[]) {
      if (keyName(pair) !== '<<') continue;
      const sources = deref(pair.value);
      const maps = isSeq(sources) ? sources.items.map(deref) : [sources];
      for (const m of maps) {
        if (!isMap(m)) continue;
        for (const [name, merged] of fieldsOf(m.items, depth + 1)) if (!fields.has(name)) fields.set(name, merged);
      }
    }
    return fields;
  };
  const build = (node: Node): PositionNode => {
    const known = built.get(node);
    if (known) return known;
    const [start, end] = rangeOf(node);
    const out: PositionNode = { start, end };
    built.set(node, out);
    if (isMap(node)) {
      out.fields = new Map();
      for (const [name, pair] of fieldsOf(node.items, 0)) {
        const [keyStart, keyEnd] = rangeOf(pair.key);
        const value = deref(pair.value);
        out.fields.set(name, { keyStart, keyEnd, value: value ? build(value) : null });
      }
    } else if (isSeq(node)) {
      out.items = node.items.map((item) => {
        const value = deref(item);
        return value ? build(value) : null;
      });
    } else if (isScalar(node)) {
      out.scalar = node.type === 'PLAIN' ? 'plain' : 'other';
      if (node.value === null && node.range && node.range[0] === node.range[1]) {
        out.empty = true;
        const dash = itemIndicator(chunk, node.range[0]);
        if (dash >= 0) out.dash = base + dash;
      }
    }
    return out;
  };
  const root = deref(doc.contents);
  const contents = doc.contents as Ranged | null;
  const [documentStart, documentEnd] = contents?.range
    ? rangeOf(contents)
    : [base + (doc.range?.[0] ?? 0), base + (doc.range?.[0] ?? 0)];
  return { root: root ? build(root) : null, documentStart, documentEnd };
}

function keyName(pair: Pair): string | undefined {
  const k = pair?.key;
  if (!isScalar(k)) return undefined;
  return typeof k.value === 'symbol' ? k.source : String(k.value);
}

/** Offset of the `-` of an empty block sequence item whose empty scalar starts at `start`, or -1. */
function itemIndicator(text: string, start: number): number {
  const lineStart = text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
  const dash = text.lastIndexOf('-', start);
  return dash < lineStart ? -1 : dash;
}

/** A file range [start, end) the lookups below resolve to. */
export type OffsetRange = [start: number, end: number];

interface Walked {
  node: PositionNode | null;
  /** The key of the pair holding `node`, when it is a mapping's value. */
  key: OffsetRange | null;
  /** A stand-in range that wins over both (an empty item's `-`). */
  exact?: OffsetRange;
  complete: boolean;
}

function walk(positions: DocumentPositions, path: JsonPath): Walked {
  let node = positions.root;
  let key: OffsetRange | null = null;
  for (const segment of path) {
    if (!node) return { node, key, complete: false };
    let value: PositionNode | null | undefined;
    let nextKey: OffsetRange | null = null;
    if (node.fields) {
      const field = node.fields.get(String(segment));
      if (field) {
        value = field.value;
        nextKey = field.keyStart < 0 ? null : [field.keyStart, field.keyEnd];
      }
    } else if (node.items && typeof segment === 'number') {
      value = node.items[segment];
    }
    if (value === undefined) return { node, key, complete: false };
    if (!value || value.empty) {
      // An empty sequence item: its own `-`; an empty value: its key.
      if (!node.fields && value?.dash !== undefined)
        return { node: null, key: null, exact: [value.dash, value.dash + 1], complete: false };
      return { node: null, key: nextKey, complete: false };
    }
    node = value;
    key = nextKey;
  }
  return { node, key, complete: true };
}

/** The file range `path` points at (see Manifest.locate). */
export function locateOffsets(positions: DocumentPositions, path: JsonPath, target: LocateTarget): OffsetRange {
  const { node, key, exact } = walk(positions, path);
  if (exact) return exact;
  if (target === 'key' && key) return key;
  if (node && node.start >= 0) return [node.start, node.end];
  if (!node && key) return key;
  return [positions.documentStart, positions.documentEnd];
}

/** The offsets and plainness of the scalar at `path`, if the whole path exists and ends on a scalar. */
export function scalarOffsets(
  positions: DocumentPositions,
  path: JsonPath,
): { start: number; end: number; plain: boolean } | undefined {
  const { node, complete } = walk(positions, path);
  if (!complete || !node?.scalar || node.start < 0) return undefined;
  return { start: node.start, end: node.end, plain: node.scalar === 'plain' };
}
