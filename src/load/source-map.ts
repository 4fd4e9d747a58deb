/**
 * Maps JSON paths of a parsed document back to source ranges, using the yaml AST
 * (the nodes keep their offsets) and a LineCounter. Used while a document is parsed (the loader's own findings) and
 * for editors' `pathAt`; Manifests locate through the position tree built from it (positions.ts), which must answer
 * as `locate` here does.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Alias,
  type Document,
  type LineCounter,
  type Node,
  type Pair,
} from 'yaml';
import type { JsonPath, LocateTarget, SourceRange } from '../core/types.js';

type Ranged = { range?: [number, number, number] | null };

export class DocumentSourceMap {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineCounter,
    private readonly text: string,
    /** Alias → anchored node, when the loader has already resolved them (yaml's own resolve scans the whole document per call). */
    private readonly aliases?: ReadonlyMap<Alias, Node | null>,
    /** Offset of `text` in the file: node ranges are relative to `text`, line numbers to the file. */
    private readonly base = 0,
  ) {}

  /** Range of the whole document's content (or its first line when empty). */
  documentRange(): SourceRange {
    const node = this.doc.contents as Ranged | null;
    if (node?.range) return this.toRange(node.range[0], node.range[1]);
    const start = this.doc.range?.[0] ?? 0;
    return this.toRange(start, start);
  }

  locate(path: JsonPath, target: LocateTarget = 'value'): SourceRange {
    const { node, keyNode } = this.walk(path);
    const chosen = target === 'key' && keyNode ? keyNode : (node ?? keyNode);
    const r = (chosen as Ranged | null)?.range;
    if (r) return this.toRange(r[0], r[1]);
    return this.documentRange();
  }

  scalarSource(path: JsonPath): { text: string; plain: boolean } | undefined {
    const { node, complete } = this.walk(path);
    if (!complete || !node || !isScalar(node) || !node.range) return undefined;
    return { text: this.text.slice(node.range[0], node.range[1]), plain: node.type === 'PLAIN' };
  }

  /**
   * The inverse of `locate`: the JSON path of the key or value at file offset `offset` (the same offsets `toRange` takes).
   * `onKey` is true when the offset is on a mapping key (or its `:`), false on a value, a sequence item or a collection's
   * own indicators (`[`, `{`, `-`, …). Undefined outside this document's content, on blank space and comments, on a
   * non-scalar key, and past a node it cannot name. It returns the path of the node under the offset as written:
   * an alias (`*base`) is a leaf (the anchored node is elsewhere in the text); inside a merge key's inline mapping
   * (`<<: {a: 1}` or `<<: [{a: 1}]`) the fields count as the enclosing mapping's; on `<<` itself or an alias it
   * merges, the path is the enclosing mapping's. Iterative: one step per nesting level, no recursion.
   */
  pathAt(offset: number): { path: Array<string | number>; onKey: boolean } | undefined {
    const rel = offset - this.base;
    if (!Number.isInteger(rel) || rel < 0 || rel >= this.text.length) return undefined;
    const within = (n: unknown): boolean => {
      const r = (n as Ranged | null | undefined)?.range;
      return !!r && r[0] <= rel && rel < r[1];
    };
    const char = this.text[rel]!;
    if (/\s/.test(char)) return undefined;
    let node: unknown = this.doc.contents;
    if (!within(node)) return undefined;
    const path: Array<string | number> = [];
    const inComment = () => /(?:^|[ \t])#/.test(this.text.slice(this.text.lastIndexOf('\n', rel) + 1, rel));
    const ownIndicator = () => ('[]{},-'.includes(char) && !inComment() ? { path, onKey: false } : undefined);
    for (;;) {
      if (isMap(node)) {
        let next: unknown;
        let found = false;
        for (const pair of node.items as unknown[]) {
          if (!isPair(pair)) continue;
          const key = pair.key as Node | null;
          const value = pair.value as Node | null;
          const keyRange = (key as Ranged | null)?.range;
          const onKey = within(key);
          // The `:` right after a key (only blanks between) belongs to the key.
          const onColon =
            !onKey &&
            char === ':' &&
            !!keyRange &&
            keyRange[1] <= rel &&
            rel - keyRange[1] < 256 &&
            /^[ \t]*$/.test(this.text.slice(keyRange[1], rel));
          const onValue = !onKey && !onColon && within(value);
          if (!onKey && !onColon && !onValue) continue;
          const name = isScalar(key) ? (typeof key.value === 'symbol' ? key.source : String(key.value)) : undefined;
          if (name === undefined) return undefined; // a complex key: no JSON path names it
          found = true;
          if (name === '<<' && isScalar(key) && (typeof key.value === 'symbol' || key.type === 'PLAIN')) {
            // A merge key: its fields become the enclosing mapping's.
            if (onKey || onColon || isAlias(value) || isScalar(value)) return { path, onKey: false };
            if (isSeq(value)) {
              const item = (value.items as unknown[]).find(within);
              if (!isMap(item)) return { path, onKey: false };
              next = item;
            } else next = value;
            break;
          }
          path.push(name);
          if (onKey || onColon) return { path, onKey: true };
          next = value;
          break;
        }
        if (!found) return ownIndicator();
        node = next;
        continue;
      }
      if (isSeq(node)) {
        const items = node.items as unknown[];
        let index = items.findIndex(within);
        if (index < 0 && char === '-' && !node.flow) {
          // A block sequence's `-` introduces the item after it (on the same line, or a nested collection below).
          index = items.findIndex((item) => {
            const r = (item as Ranged | null)?.range;
            return !!r && r[0] > rel && r[0] - rel < 4096 && /^[ \t\r\n]*$/.test(this.text.slice(rel + 1, r[0]));
          });
          if (index >= 0) {
            path.push(index);
            return { path, onKey: false };
          }
        }
        if (index < 0) return ownIndicator();
        path.push(index);
        node = items[index];
        continue;
      }
      if (isPair(node)) return undefined; // a pair as a sequence item (not produced by yaml 2 for `[a: 1]`)
      return { path, onKey: false }; // a scalar or an alias
    }
  }

  /** Follows `path` as far as it exists; returns the deepest node reached and the key node of its pair. */
  private walk(path: JsonPath): { node: Node | null; keyNode: Node | null; complete: boolean } {
    let node = this.deref(this.doc.contents as Node | null);
    let keyNode: Node | null = null;
    for (const segment of path) {
      if (!node) return { node, keyNode, complete: false };
      let next: { value: Node | null; key: Node | null } | undefined;
      if (isMap(node)) {
        const pair = this.findPair(node.items as Pair[], String(segment), 0);
        if (pair) next = { value: this.deref(pair.value as Node | null), key: pair.key as Node | null };
      } else if (isSeq(node) && typeof segment === 'number') {
        const item = node.items[segment] as Node | undefined;
        if (item !== undefined) next = { value: this.deref(item), key: null };
      }
      if (!next) return { node, keyNode, complete: false };
      // A pair with an empty value (`key:`) has no value node, or an empty null scalar: point at the key instead.
      if (!next.value || isEmptyScalar(next.value)) {
        // An empty sequence item (`- ` alone: null, which the API server decodes as "" or {}): its own `-` line.
        if (next.key === null && next.value) {
          const dash = this.itemIndicator(next.value);
          if (dash !== undefined) return { node: dash, keyNode: null, complete: false };
        }
        return { node: next.key, keyNode: next.key, complete: false };
      }
      node = next.value;
      keyNode = next.key;
    }
    return { node, keyNode, complete: true };
  }

  /** A stand-in node over the `-` of an empty block sequence item (the empty scalar's range is after it). */
  private itemIndicator(empty: Node): Node | undefined {
    const start = (empty as Ranged).range?.[0];
    if (start === undefined) return undefined;
    const lineStart = this.text.lastIndexOf('\n', Math.max(0, start - 1)) + 1;
    const dash = this.text.lastIndexOf('-', start);
    if (dash < lineStart) return undefined;
    return { range: [dash, dash + 1, dash + 1] } as unknown as Node;
  }

  private findPair(items: Pair[], key: string, depth: number): Pair | undefined {
    let merged: Pair | undefined;
    for (const pair of items) {
      if (!isPair(pair)) continue;
      const k = pair.key;
      const name = isScalar(k) ? (typeof k.value === 'symbol' ? k.source : String(k.value)) : undefined;
      if (name === key) return pair;
      // YAML 1.1 merge keys (`<<: *base`): fields may come from the merged map.
      if (name === '<<' && depth < 8 && !merged) {
        const sources = this.deref(pair.value as Node | null);
        const maps = isSeq(sources) ? sources.items.map((i) => this.deref(i as Node)) : [sources];
        for (const m of maps) {
          if (m && isMap(m)) {
            merged = this.findPair(m.items as Pair[], key, depth + 1);
            if (merged) break;
          }
        }
      }
    }
    return merged;
  }

  private deref(node: Node | null | undefined): Node | null {
    let n = node ?? null;
    for (let i = 0; i < 16 && n && isAlias(n); i++) {
      const known = this.aliases?.get(n);
      n = known !== undefined ? known : ((n.resolve(this.doc) as Node | undefined) ?? null);
    }
    return n;
  }

  toRange(start: number, end: number): SourceRange {
    const s = this.lines.linePos(this.base + start);
    const e = this.lines.linePos(this.base + Math.max(start, end));
    return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  }
}

/** `key:` with nothing after it: yaml gives a null scalar whose source range is empty. */
function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && !!node.range && node.range[0] === node.range[1];
}
