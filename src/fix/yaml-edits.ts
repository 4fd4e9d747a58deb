/**
 * Text edits on YAML source that keep everything around them: replace a scalar in its own quoting style, insert a
 * mapping pair at the mapping's indentation, remove a pair but keep its comment. Each returns undefined when the
 * source has a shape it cannot edit with certainty (the caller then offers no fix).
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { TextEdit } from '../core/types.js';
import { keyName, span, type FixSource } from './source.js';

/** A scalar's new text in the quoting style it was written in (plain stays plain when `value` may be plain). */
export function scalarText(scalar: Scalar, value: string): string {
  if (scalar.type === 'QUOTE_SINGLE') return `'${value.replaceAll("'", "''")}'`;
  if (scalar.type === 'QUOTE_DOUBLE' || !/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(value)) return JSON.stringify(value);
  return value;
}

/** Replaces a single-line, untagged, unanchored scalar with `value` (same quoting style). */
export function replaceScalar(source: FixSource, scalar: unknown, base: number, value: string): TextEdit | undefined {
  if (!isScalar(scalar) || scalar.tag || scalar.anchor) return undefined;
  if (scalar.type !== 'PLAIN' && scalar.type !== 'QUOTE_DOUBLE' && scalar.type !== 'QUOTE_SINGLE') return undefined;
  const at = span(scalar, base);
  if (!at || /[\r\n]/.test(source.text.slice(at[0], at[1]))) return undefined;
  return source.edit(at[0], at[1], scalarText(scalar, value));
}

/** The source text of a single-line scalar (as written, quotes included), for copying it elsewhere. */
export function scalarSource(source: FixSource, node: unknown, base: number): string | undefined {
  if (!isScalar(node) || node.tag || node.anchor) return undefined;
  if (node.type !== 'PLAIN' && node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE') return undefined;
  const at = span(node, base);
  if (!at) return undefined;
  const text = source.text.slice(at[0], at[1]);
  return /[\r\n]/.test(text) ? undefined : text;
}

/** Column (0-based) at which a block mapping's keys start; undefined for flow mappings or unranged nodes. */
export function keyIndent(source: FixSource, map: YAMLMap, base: number): number | undefined {
  if (map.flow) return undefined;
  const first = (map.items as Pair[])[0];
  const at = span(first?.key, base);
  if (!at) return undefined;
  return at[0] - source.lineStart(at[0]);
}

/** The indentation step of the file around `map`: how much deeper a nested block mapping's keys are (default 2). */
export function indentStep(
  source: FixSource,
  parentIndent: number | undefined,
  childIndent: number | undefined,
): number {
  if (parentIndent !== undefined && childIndent !== undefined && childIndent > parentIndent)
    return childIndent - parentIndent;
  return 2;
}

/**
 * New mapping content: keys with either a value's source text (copied verbatim, quotes included) or a `literal`
 * (a plain word, written as `"word"` in JSON-style flow mappings), or a nested block.
 */
export type Block = Array<[string, string | Literal | Block]>;
export type Literal = { literal: string };

/** A block mapping, nested by `step`, at column `indent`; lines after the first are indented. */
export function renderBlock(block: Block, indent: number, step: number, eol: string): string {
  const lines: string[] = [];
  const walk = (entries: Block, depth: number) => {
    for (const [key, value] of entries) {
      const pad = ' '.repeat(indent + depth * step);
      if (Array.isArray(value)) {
        lines.push(`${pad}${key}:`);
        walk(value, depth + 1);
      } else lines.push(`${pad}${key}: ${typeof value === 'string' ? value : value.literal}`);
    }
  };
  walk(block, 0);
  return lines.join(eol).slice(indent);
}

/** A flow rendering: `{name: web, port: {number: 80}}`, or `{"name": "web", …}` inside JSON-style flow mappings. */
export function renderFlow(block: Block, json: boolean): string {
  const key = (k: string) => (json ? JSON.stringify(k) : k);
  const leaf = (v: string | Literal) => (typeof v === 'string' ? v : json ? JSON.stringify(v.literal) : v.literal);
  return `{${block.map(([k, v]) => `${key(k)}: ${Array.isArray(v) ? renderFlow(v, json) : leaf(v)}`).join(', ')}}`;
}

/** A flow mapping written as JSON (its keys are double-quoted): new keys and words must be quoted too. */
export function jsonStyle(map: YAMLMap): boolean {
  const first = (map.items as Pair[])[0];
  return !!map.flow && !!first && isScalar(first.key) && first.key.type === 'QUOTE_DOUBLE';
}

/**
 * Inserts `text` (a pair, possibly several lines) into a mapping just before `before`'s key, at the mapping's
 * indentation: `text⏎<indent>` goes in front of the key, which keeps its place on the next line.
 */
export function insertBefore(
  source: FixSource,
  map: YAMLMap,
  before: Pair,
  base: number,
  block: Block,
  step: number,
): TextEdit | undefined {
  const at = span(before.key, base);
  if (!at) return undefined;
  if (map.flow) {
    const text = renderFlow(block, jsonStyle(map)).slice(1, -1);
    // A flow mapping written one pair per line (JSON) gets the new pair on a line of its own.
    const column = ownLineColumn(source, at[0]);
    return source.edit(at[0], at[0], column === undefined ? `${text}, ` : `${text},${source.eol}${' '.repeat(column)}`);
  }
  const indent = keyIndent(source, map, base);
  if (indent === undefined || at[0] - source.lineStart(at[0]) !== indent) return undefined;
  return source.edit(at[0], at[0], `${renderBlock(block, indent, step, source.eol)}${source.eol}${' '.repeat(indent)}`);
}

/** The column of `offset` when only blanks precede it on its line. */
function ownLineColumn(source: FixSource, offset: number): number | undefined {
  const start = source.lineStart(offset);
  return source.text.slice(start, offset).trim() === '' ? offset - start : undefined;
}

/** Inserts a pair right after `after` (a pair whose value is a single-line scalar), on a line of its own. */
export function insertAfter(
  source: FixSource,
  map: YAMLMap,
  after: Pair,
  base: number,
  block: Block,
  step: number,
): TextEdit | undefined {
  const value = span(after.value, base);
  if (!value || !isScalar(after.value) || /[\r\n]/.test(source.text.slice(value[0], value[1]))) return undefined;
  if (map.flow) {
    const text = renderFlow(block, jsonStyle(map)).slice(1, -1);
    const column = ownLineColumn(source, span(after.key, base)?.[0] ?? value[0]);
    return source.edit(
      value[1],
      value[1],
      column === undefined ? `, ${text}` : `,${source.eol}${' '.repeat(column)}${text}`,
    );
  }
  const indent = keyIndent(source, map, base);
  if (indent === undefined) return undefined;
  const end = source.lineEnd(value[1]);
  return source.edit(end, end, `${source.eol}${' '.repeat(indent)}${renderBlock(block, indent, step, source.eol)}`);
}

/**
 * Removes a block mapping pair whose key starts its line and whose value is a single-line scalar: the whole line when
 * nothing else is on it, else only `key: value` (a trailing comment stays, on a line of its own).
 */
export function removePair(source: FixSource, pair: Pair, base: number): TextEdit | undefined {
  const key = span(pair.key, base);
  const value = span(pair.value, base);
  if (!key || !value || !isScalar(pair.value) || /[\r\n]/.test(source.text.slice(key[0], value[1]))) return undefined;
  const lineStart = source.lineStart(key[0]);
  if (source.text.slice(lineStart, key[0]).trim() !== '') return undefined;
  const lineEnd = source.lineEnd(value[1]);
  const rest = source.text.slice(value[1], lineEnd);
  if (rest.trim() === '') {
    const next = source.text.startsWith('\r\n', lineEnd)
      ? lineEnd + 2
      : source.text[lineEnd] === '\n'
        ? lineEnd + 1
        : lineEnd;
    return source.edit(lineStart, next, '');
  }
  return source.edit(key[0], value[1] + (rest.length - rest.trimStart().length), '');
}

/** The value node of a mapping's pair, when it is a mapping. */
export function mapValue(pair: Pair | undefined): YAMLMap | undefined {
  return pair && isMap(pair.value) ? (pair.value as YAMLMap) : undefined;
}

/** Whether a node and everything below it is free of aliases, anchors and merge keys (safe to copy or move as text). */
export function plainTree(node: unknown): boolean {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (n === null || n === undefined) continue;
    if (isAlias(n)) return false;
    if ((n as { anchor?: string }).anchor) return false;
    if (isPair(n)) {
      if (isScalar(n.key) && keyName(n.key) === '<<') return false;
      stack.push(n.key, n.value);
    } else if (isMap(n) || isSeq(n)) stack.push(...(n.items as unknown[]));
  }
  return true;
}
