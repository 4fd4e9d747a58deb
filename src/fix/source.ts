/**
 * A file's text as fixes see it: offsets ↔ 1-based line/column, its YAML documents as yaml's AST (whose nodes keep
 * their source offsets), and a strict walk from a document's root to the node at an offset.
 *
 * Fixes edit this text; they never re-serialize a document, so comments, key order, quoting, blank lines and anchors
 * outside the edited characters stay byte-identical. The walk is strict on purpose: it never follows an alias or a
 * merge key, because an edit to a node that other nodes share (through `&anchor`/`*alias`) would change them too.
 */
import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  parseAllDocuments,
  type Document,
  type Node,
  type Pair,
  type Scalar,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import type { SourceRange, TextEdit } from '../core/types.js';
import { chunkStarts } from '../load/parse.js';
import { kubernetesTags } from '../load/scalars.js';

/** The loader's YAML options (src/load/parse.ts): YAML 1.1, go-yaml v2 scalars, merge keys. */
const YAML_OPTIONS = {
  version: '1.1',
  merge: true,
  uniqueKeys: true,
  logLevel: 'silent',
  customTags: kubernetesTags,
} as const;

/** One step of a walk: a node and how its parent names it. */
export interface Step {
  node: Node;
  /** The key (mapping) or index (sequence) of `node` in `parent`; absent for the document's root. */
  segment?: string | number;
  parent?: YAMLMap | YAMLSeq;
  /** The mapping pair whose value `node` is. */
  pair?: Pair;
}

/** Where an offset lies in a document: the chain of nodes from the root, and whether the offset is on a mapping key. */
export interface NodeAt {
  /** Root first; the last step is the node under the offset (for a key: the value's step, see `onKey`). */
  steps: Step[];
  /** The offset is on the key of the last step's pair (then `key` is that key's scalar). */
  onKey: boolean;
  key?: Scalar;
  /** Offset of the document's chunk in the file: node ranges + base = file offsets. */
  base: number;
  doc: Document.Parsed;
}

type Ranged = { range?: [number, number, number] | null };

export class FixSource {
  readonly eol: string;
  private readonly lineStarts: number[] = [0];
  private documents?: Array<{ doc: Document.Parsed; base: number }>;

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.lineStarts.push(i + 1);
    this.eol = /\r\n/.test(text) ? '\r\n' : '\n';
  }

  /** Offset of a 1-based line/column (UTF-16 columns, as findings count them); undefined outside the text. */
  offsetAt(line: number, column: number): number | undefined {
    if (!Number.isSafeInteger(line) || !Number.isSafeInteger(column) || line < 1 || column < 1) return undefined;
    const start = this.lineStarts[line - 1];
    if (start === undefined) return undefined;
    const offset = start + column - 1;
    const next = this.lineStarts[line] ?? this.text.length + 1;
    return offset < next ? offset : undefined;
  }

  /** 1-based line/column of an offset. */
  positionAt(offset: number): { line: number; column: number } {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  /** A TextEdit replacing [start, end) with `newText`. */
  edit(start: number, end: number, newText: string): TextEdit {
    const s = this.positionAt(start);
    const e = this.positionAt(end);
    return { start, end, newText, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }

  rangeOf(start: number, end: number): SourceRange {
    const s = this.positionAt(start);
    const e = this.positionAt(end);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  }

  /** Start of the line that contains `offset`. */
  lineStart(offset: number): number {
    return this.lineStarts[this.positionAt(offset).line - 1]!;
  }

  /** End of the line that contains `offset` (before its `\r\n` / `\n`). */
  lineEnd(offset: number): number {
    const nl = this.text.indexOf('\n', offset);
    const end = nl < 0 ? this.text.length : nl;
    return end > 0 && this.text[end - 1] === '\r' && nl >= 0 ? end - 1 : end;
  }

  /**
   * The node at file offset `offset`, walked from its document's root without following aliases or merge keys.
   * Undefined when the offset is outside every error-free document, on a complex key, inside a merge key's value,
   * or on an alias's target.
   */
  nodeAt(offset: number): NodeAt | undefined {
    const found = this.docs().find(({ doc, base }) => {
      const r = doc.range;
      return r && base + r[0] <= offset && offset < base + r[2];
    });
    if (!found || found.doc.errors.length > 0 || found.doc.contents === null) return undefined;
    const rel = offset - found.base;
    const within = (n: unknown) => {
      const r = (n as Ranged | null | undefined)?.range;
      return !!r && r[0] <= rel && rel < r[1];
    };
    const steps: Step[] = [{ node: found.doc.contents as Node }];
    for (;;) {
      const { node } = steps[steps.length - 1]!;
      if (isMap(node)) {
        const pair = (node.items as unknown[]).find((p): p is Pair => isPair(p) && (within(p.key) || within(p.value)));
        if (!pair || !isScalar(pair.key)) return undefined;
        const name = keyName(pair.key);
        if (name === '<<') return undefined; // a merge key: its fields are shared
        if (within(pair.key)) {
          const value = (pair.value ?? null) as Node | null;
          if (value) steps.push({ node: value, segment: name, parent: node, pair });
          else return undefined; // `key:` with nothing after it: no value step to name
          return { steps, onKey: true, key: pair.key as Scalar, base: found.base, doc: found.doc };
        }
        steps.push({ node: pair.value as Node, segment: name, parent: node, pair });
        continue;
      }
      if (isSeq(node)) {
        const index = (node.items as unknown[]).findIndex(within);
        if (index < 0) return undefined;
        steps.push({ node: node.items[index] as Node, segment: index, parent: node });
        continue;
      }
      if (isAlias(node)) return undefined;
      return { steps, onKey: false, base: found.base, doc: found.doc };
    }
  }

  /** The documents of the file, cut at `---` lines as the loader does, each with the offset of its chunk. */
  docs(): Array<{ doc: Document.Parsed; base: number }> {
    if (this.documents) return this.documents;
    const starts = chunkStarts(this.text);
    this.documents = [];
    for (let i = 0; i < starts.length; i++) {
      const base = starts[i]!;
      const chunk = this.text.slice(base, starts[i + 1] ?? this.text.length);
      for (const doc of parseAllDocuments(chunk, YAML_OPTIONS) as Document.Parsed[]) this.documents.push({ doc, base });
    }
    return this.documents;
  }
}

export function keyName(key: Scalar): string {
  return typeof key.value === 'symbol' ? String(key.source) : String(key.value);
}

/** File offsets [start, end) of a node's value (without trailing comments or line breaks). */
export function span(node: unknown, base: number): [number, number] | undefined {
  const r = (node as Ranged | null | undefined)?.range;
  return r ? [base + r[0], base + r[1]] : undefined;
}

/** Whether any node on the walk carries an anchor: editing below it would also change every alias of it. */
export function anchored(steps: readonly Step[]): boolean {
  return steps.some((s) => typeof (s.node as { anchor?: string }).anchor === 'string');
}

/** The pair of `map` whose key is `name` (directly, not through a merge key). */
export function pairOf(map: YAMLMap, name: string): Pair | undefined {
  return (map.items as unknown[]).find((p): p is Pair => isPair(p) && isScalar(p.key) && keyName(p.key) === name);
}

/** Whether `map` has a merge key (`<<`), which may bring in fields a text edit cannot see. */
export function hasMergeKey(map: YAMLMap): boolean {
  return (map.items as unknown[]).some((p) => isPair(p) && isScalar(p.key) && keyName(p.key) === '<<');
}

/** Whether `text` has a `#` comment anywhere (conservative: a `#` inside a quoted string counts too). */
export function hasComment(text: string): boolean {
  return /(?:^|[ \t\r\n])#/.test(text);
}
