/**
 * A fast reader for the plain block-style YAML that manifests are almost always written in: block mappings and
 * sequences, plain scalars (multi-line too), single-line quoted scalars, literal block scalars (`|`, `|-`), empty
 * flow collections and comments. It yields the value and the position tree (positions.ts) of one document in one
 * pass, without yaml's CST, Document or `toJS` (≈ 3× less work than yaml's full pipeline on real manifests).
 *
 * It gives up — returns undefined, and the loader reads the document with yaml as before — on anything else or
 * anything doubtful: anchors, aliases, tags, merge keys, flow collections with content, folded or kept block
 * scalars, multi-line quoted scalars, escapes it does not know, tabs, CR, control characters, template markers in keys,
 * duplicate keys, keys that are not strings, directives, more than one document, nesting past the depth limit,
 * and every syntax error. Where it answers, it answers exactly as yaml does (values, key order, node ranges):
 * test/load/block-yaml.test.ts compares the two on every corpus document and on generated documents.
 */
import type { DocumentPositions, PositionField, PositionNode } from './positions.js';

/** A plain scalar's resolution (YAML 1.1 as go-yaml v2 does it): the tags of the loader's yaml schema, in order. */
export type PlainResolver = (source: string) => { value: unknown } | undefined;

interface Line {
  /** Offset of the line's first character in the chunk. */
  start: number;
  /** Offset of its end (the `\n`, or the chunk's end). */
  end: number;
  /** Leading spaces. */
  indent: number;
}

interface Parsed {
  value: unknown;
  node: PositionNode;
  /** The node's end including its line end (yaml's range[2]): where an enclosing collection's range ends. */
  nodeEnd: number;
}

class GiveUp extends Error {}
/** One instance, thrown again and again: an Error built per throw captures a stack trace each time (3 % of lint). */
const GIVE_UP = new GiveUp('left to yaml');
const giveUp = (): never => {
  throw GIVE_UP;
};

/** Characters that cannot start a plain scalar here (or start something this reader leaves to yaml). */
const NOT_PLAIN_START = new Set([...'-?:,[]{}#&*!|>\'"%@`']);
/** Double-quoted escapes read here (YAML's others are left to yaml). */
const SIMPLE_ESCAPES: Record<string, string> = { '\\': '\\', '"': '"', '/': '/', n: '\n', t: '\t', r: '\r', '0': '\0' };
const FORBIDDEN = /[\t\r\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/;

/**
 * The value and positions of the one document in `chunk` (offsets in positions are file offsets: chunk + `base`),
 * or undefined when it must be read by yaml.
 */
export function readBlockYaml(
  chunk: string,
  base: number,
  maxDepth: number,
  resolvePlain: PlainResolver,
): { value: Record<string, unknown>; positions: DocumentPositions } | undefined {
  if (FORBIDDEN.test(chunk)) return undefined;
  try {
    return new Reader(chunk, base, maxDepth, resolvePlain).document();
  } catch (err) {
    // A stack overflow (only with --max-depth raised far past the default) is yaml's to report, as any doubt is.
    if (err instanceof GiveUp || err instanceof RangeError) return undefined;
    throw err;
  }
}

class Reader {
  private readonly lines: Line[] = [];
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly base: number,
    private readonly maxDepth: number,
    private readonly resolvePlain: PlainResolver,
  ) {
    for (let start = 0; start <= text.length;) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      let indent = 0;
      while (text.charCodeAt(start + indent) === 32) indent++;
      this.lines.push({ start, end, indent });
      start = end + 1;
    }
  }

  document(): { value: Record<string, unknown>; positions: DocumentPositions } {
    const first = this.lines[0]!;
    // The chunk's separator line (`---`, blanks, a comment), as the loader cut it.
    if (this.text.startsWith('---')) {
      if (!/^---(?:[ ]+#.*|[ ]*)$/.test(this.text.slice(first.start, first.end))) giveUp();
      this.i = 1;
    }
    for (let l = this.i; l < this.lines.length; l++) {
      const line = this.lines[l]!;
      const head = this.text.slice(line.start, line.start + 3);
      // Another document, a document end or a directive: yaml's business.
      if ((head === '---' || head === '...') && /^(?:[ ]|$)/.test(this.text.slice(line.start + 3, line.start + 4)))
        giveUp();
      if (line.indent === 0 && this.text[line.start] === '%') giveUp();
    }
    this.skipBlank();
    const line = this.lines[this.i];
    if (!line || line.indent !== 0) giveUp();
    const root = this.blockMap(0, line!.start, 1);
    this.skipBlank();
    if (this.i < this.lines.length) giveUp(); // anything left over is an error yaml explains
    return {
      value: root.value as Record<string, unknown>,
      positions: {
        root: root.node,
        documentStart: root.node.start,
        documentEnd: root.node.end,
      },
    };
  }

  /**
   * Skips blank and comment-only lines; returns the least indentation of the comments skipped (Infinity for none).
   * yaml counts comments after a collection's last item into the collection's range in ways this reader does not
   * model: a collection that ends on comments is left to yaml (see `ended`).
   */
  private skipBlank(): number {
    let comments = Number.POSITIVE_INFINITY;
    for (; this.i < this.lines.length && this.isBlank(this.lines[this.i]!); this.i++) {
      const line = this.lines[this.i]!;
      if (line.start + line.indent < line.end) comments = Math.min(comments, line.indent);
    }
    return comments;
  }

  /** A collection ended after comment lines (`comments`: their least indentation): yaml's ranges then differ. */
  private ended(comments: number, depth: number): void {
    // After the root mapping, comments at column 0 are outside it (measured); anything else is left to yaml.
    if (comments !== Number.POSITIVE_INFINITY && !(depth === 1 && comments === 0)) giveUp();
  }

  private isBlank(line: Line): boolean {
    const at = line.start + line.indent;
    return at >= line.end || this.text[at] === '#';
  }

  /** A block mapping whose keys start at column `column`; the first key at offset `at` (on line this.i). */
  private blockMap(column: number, at: number, depth: number): Parsed {
    if (depth >= this.maxDepth) giveUp();
    const value: Record<string, unknown> = {};
    const fields = new Map<string, PositionField>();
    let nodeEnd: number;
    let keyAt = at;
    for (;;) {
      const line = this.lines[this.i]!;
      const key = this.key(keyAt, line.end);
      if (Object.hasOwn(value, key.name) || key.name === '__proto__' || key.name === '<<') giveUp();
      const parsed = this.valueAfter(key.colon + 1, line, column, depth, false);
      value[key.name] = parsed.value;
      fields.set(key.name, { keyStart: this.base + key.start, keyEnd: this.base + key.end, value: parsed.node });
      nodeEnd = parsed.nodeEnd;
      const comments = this.skipBlank();
      const next = this.lines[this.i];
      if (!next || next.indent < column) {
        this.ended(comments, depth);
        break;
      }
      if (next.indent > column) giveUp(); // over-indented: an error yaml explains
      if (this.text[next.start + column] === '-' && /^-(?: |$)/.test(this.text.slice(next.start + column, next.end))) {
        this.ended(comments, depth);
        break; // a sequence at this column ends the mapping (it belongs to an outer key, or is an error)
      }
      keyAt = next.start + column;
    }
    return {
      value,
      node: { start: this.base + at, end: this.base + nodeEnd, fields },
      nodeEnd,
    };
  }

  /** A block sequence whose dashes are at column `column`; the first dash at offset `at` (on line this.i). */
  private blockSeq(column: number, at: number, depth: number): Parsed {
    if (depth >= this.maxDepth) giveUp();
    const value: unknown[] = [];
    const items: Array<PositionNode | null> = [];
    let nodeEnd: number;
    let dash = at;
    for (;;) {
      const line = this.lines[this.i]!;
      const parsed = this.valueAfter(dash + 1, line, column, depth, true);
      value.push(parsed.value);
      items.push(parsed.node);
      nodeEnd = parsed.nodeEnd;
      const comments = this.skipBlank();
      const next = this.lines[this.i];
      if (!next || next.indent !== column || !/^-(?: |$)/.test(this.text.slice(next.start + column, next.end))) {
        if (next && next.indent > column) giveUp();
        this.ended(comments, depth);
        // A sequence ending on an empty item: yaml's range then runs on to the next token (found by the mutation
        // test), which is not modelled here.
        if (parsed.node.empty) giveUp();
        break;
      }
      dash = next.start + column;
    }
    return { value, node: { start: this.base + at, end: this.base + nodeEnd, items }, nodeEnd };
  }

  /**
   * The value after a mapping key's `:` or a sequence's `-` at offset `from` on `line`, in a collection at `column`.
   * Leaves this.i on the line after the value.
   */
  private valueAfter(from: number, line: Line, column: number, depth: number, inSeq: boolean): Parsed {
    const text = this.text;
    let at = from;
    while (at < line.end && text.charCodeAt(at) === 32) at++;
    if (at < line.end && at === from) giveUp(); // `key:value` or `-x`: not a key / item here
    const c = text[at];
    if (at >= line.end || c === '#') {
      // Nothing on this line: a nested block below, or an empty value.
      const commentAt = at < line.end ? at : -1;
      this.i++;
      const comments = this.skipBlank();
      const next = this.lines[this.i];
      if (next && next.indent > column) return this.nestedBlock(next, depth + 1);
      if (next && !inSeq && next.indent === column && /^-(?: |$)/.test(text.slice(next.start + column, next.end)))
        return this.blockSeq(column, next.start + column, depth + 1);
      // An empty value: yaml stretches its range over comments after it, in ways not modelled here.
      if (commentAt >= 0 || comments !== Number.POSITIVE_INFINITY) giveUp();
      const nodeEnd = at;
      return {
        value: null,
        node: {
          start: this.base + at,
          end: this.base + at,
          scalar: 'plain',
          empty: true,
          ...(inSeq ? { dash: this.base + from - 1 } : {}),
        },
        nodeEnd,
      };
    }
    // On the same line: a compact mapping or sequence in a sequence item, or a scalar.
    if (inSeq && c === '-' && /^-(?: |$)/.test(text.slice(at, line.end)))
      return this.blockSeq(at - line.start, at, depth + 1);
    if (inSeq && this.looksLikeKey(at, line.end)) return this.blockMap(at - line.start, at, depth + 1);
    if (c === '"' || c === "'") return this.quoted(at, line);
    if (c === '|') return this.literal(at, line, column);
    if ((c === '[' || c === '{') && /^(?:\[\]|\{\})(?:[ ]+#.*|[ ]*)$/.test(text.slice(at, line.end))) {
      this.i++;
      return {
        value: c === '[' ? [] : {},
        node: {
          start: this.base + at,
          end: this.base + at + 2,
          ...(c === '[' ? { items: [] } : { fields: new Map() }),
        },
        nodeEnd: Math.min(line.end + 1, text.length),
      };
    }
    // `-` starts a plain scalar when a non-blank follows (`--flag`, `-1`); the other indicators do not, here.
    if (NOT_PLAIN_START.has(c!) && !(c === '-' && at + 1 < line.end && text[at + 1] !== ' ')) giveUp();
    return this.plain(at, line, column);
  }

  /** A nested block collection starting on `line` (indented deeper than its parent). */
  private nestedBlock(line: Line, depth: number): Parsed {
    const at = line.start + line.indent;
    if (/^-(?: |$)/.test(this.text.slice(at, line.end))) return this.blockSeq(line.indent, at, depth);
    if (!this.looksLikeKey(at, line.end)) giveUp(); // a scalar on its own line below a key: left to yaml
    return this.blockMap(line.indent, at, depth);
  }

  /** Whether a `key: ` (plain or quoted key) starts at `at`. */
  private looksLikeKey(at: number, end: number): boolean {
    try {
      this.key(at, end);
      return true;
    } catch (err) {
      if (err instanceof GiveUp) return false;
      throw err;
    }
  }

  /** The mapping key at `at`: its name, range and the offset of its `:`. */
  private key(at: number, end: number): { name: string; start: number; end: number; colon: number } {
    const text = this.text;
    const c = text[at];
    if (c === '"' || c === "'") {
      const { value, close } = this.quotedText(at, end);
      if (text[close] !== ':' || !(close + 1 >= end || text[close + 1] === ' ')) giveUp();
      // Template text in a key is an unrendered template (the loader's checkGraph says so): left to yaml.
      if (value.includes('{{')) giveUp();
      return { name: value, start: at, end: close, colon: close };
    }
    if (c === undefined || NOT_PLAIN_START.has(c)) giveUp();
    let colon = -1;
    for (let k = at; k < end; k++) {
      const ch = text.charCodeAt(k);
      if (ch === 58 /* : */ && (k + 1 >= end || text.charCodeAt(k + 1) === 32)) {
        colon = k;
        break;
      }
      if (ch === 35 /* # */ && text.charCodeAt(k - 1) === 32) giveUp();
    }
    if (colon < 0) giveUp();
    let keyEnd = colon;
    while (keyEnd > at && text.charCodeAt(keyEnd - 1) === 32) keyEnd--;
    if (keyEnd !== colon || keyEnd - at > 1024) giveUp(); // `key :` and very long keys: left to yaml
    const source = text.slice(at, keyEnd);
    if (source.includes('{{')) giveUp(); // an unrendered template: the loader reports it from yaml's reading
    const resolved = this.resolvePlain(source);
    if (!resolved || typeof resolved.value !== 'string' || resolved.value !== source) giveUp();
    return { name: source, start: at, end: keyEnd, colon };
  }

  /** A single-line quoted scalar value starting at `at`. */
  private quoted(at: number, line: Line): Parsed {
    const { value, close } = this.quotedText(at, line.end);
    this.trailing(close, line);
    this.i++;
    return {
      value,
      node: { start: this.base + at, end: this.base + close, scalar: 'other' },
      nodeEnd: Math.min(line.end + 1, this.text.length),
    };
  }

  /** After a value ending at `from`: only blanks and a comment may follow on its line. */
  private trailing(from: number, line: Line): void {
    let k = from;
    while (k < line.end && this.text.charCodeAt(k) === 32) k++;
    if (k < line.end && !(this.text[k] === '#' && k > from)) giveUp();
  }

  /** The text of a one-line quoted scalar at `at`, and the offset just after its closing quote. */
  private quotedText(at: number, end: number): { value: string; close: number } {
    const text = this.text;
    const quote = text[at]!;
    // Runs of ordinary characters are copied as slices (a 10 MB string is one slice, not 10 million appends).
    const special = quote === '"' ? /["\\]/g : /'/g;
    let out = '';
    let k = at + 1;
    for (;;) {
      special.lastIndex = k;
      const found = special.exec(text);
      // Past the line's end: multi-line quoted scalars fold lines, left to yaml.
      if (!found || found.index >= end) giveUp();
      const j = found!.index;
      out += text.slice(k, j);
      if (text[j] === quote) {
        if (quote === "'" && text[j + 1] === "'") {
          out += "'";
          k = j + 2;
          continue;
        }
        return { value: out, close: j + 1 };
      }
      // A backslash in a double-quoted scalar: the escapes kubeplan knows; any other is left to yaml.
      const e = text[j + 1];
      if (e !== undefined && Object.hasOwn(SIMPLE_ESCAPES, e)) {
        out += SIMPLE_ESCAPES[e];
        k = j + 2;
        continue;
      }
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(j + 2, j + 6))) {
        const code = parseInt(text.slice(j + 2, j + 6), 16);
        if (code >= 0xd800 && code <= 0xdfff) giveUp(); // surrogate pairs: yaml's business
        out += String.fromCharCode(code);
        k = j + 6;
        continue;
      }
      giveUp();
    }
  }

  /** A literal block scalar (`|` or `|-`) whose header is at `at`, in a collection at `column`. */
  private literal(at: number, line: Line, column: number): Parsed {
    const text = this.text;
    const header = /^\|(-?)(?:[ ]+#.*|[ ]*)$/.exec(text.slice(at, line.end)); // a comment needs a blank before it
    if (!header) giveUp();
    const strip = header![1] === '-';
    this.i++;
    const first = this.lines[this.i];
    // The first content line sets the indentation; leading blank lines make that subtler: left to yaml.
    if (!first || first.start + first.indent >= first.end || first.indent <= column) giveUp();
    const indent = first!.indent;
    // Content lines, blank ones as ''; trailing blank lines are not part of the value (clip and strip chomping).
    const content: string[] = [];
    let kept = 0;
    let lastContent = this.i;
    for (; this.i < this.lines.length; this.i++) {
      const l = this.lines[this.i]!;
      if (l.start + l.indent >= l.end) {
        if (l.end - l.start > indent) giveUp(); // spaces past the indentation on a blank line are content
        content.push('');
        continue;
      }
      if (l.indent < indent) break;
      content.push(text.slice(l.start + indent, l.end));
      kept = content.length;
      lastContent = this.i;
    }
    this.i = lastContent + 1;
    const body = content.slice(0, kept).join('\n');
    const end = Math.min(this.lines[lastContent]!.end + 1, text.length);
    const clipped = strip ? body : `${body}\n`;
    return {
      value: clipped,
      node: { start: this.base + at, end: this.base + end, scalar: 'other' },
      nodeEnd: end,
    };
  }

  /** A plain scalar starting at `at`, continued on lines indented deeper than `column`. */
  private plain(at: number, line: Line, column: number): Parsed {
    const parts: string[] = [];
    let { stop: valueEnd, comment } = this.plainLine(at, line.end, parts);
    let lastLine = this.i;
    let blanks = 0;
    for (let j = this.i + 1; j < this.lines.length; j++) {
      const l = this.lines[j]!;
      if (l.start + l.indent >= l.end) {
        blanks++;
        continue;
      }
      if (l.indent <= column) break;
      const start = l.start + l.indent;
      const c = this.text[start]!;
      // Comments (a comment ends a plain scalar: more text below it is an error), items, keys: yaml's business.
      if (comment || c === '#' || c === '-' || c === '?' || c === ':') giveUp();
      parts.push(blanks > 0 ? '\n'.repeat(blanks) : ' ');
      ({ stop: valueEnd, comment } = this.plainLine(start, l.end, parts));
      blanks = 0;
      lastLine = j;
    }
    this.i = lastLine + 1;
    const source = parts.join('');
    const resolved = source === '<<' ? undefined : this.resolvePlain(source);
    if (!resolved) giveUp();
    return {
      value: resolved!.value,
      node: { start: this.base + at, end: this.base + valueEnd, scalar: 'plain' },
      nodeEnd: Math.min(this.lines[lastLine]!.end + 1, this.text.length),
    };
  }

  /** One line of a plain scalar from `at`: its text goes to `parts`; where it ends (before blanks and a comment). */
  private plainLine(at: number, end: number, parts: string[]): { stop: number; comment: boolean } {
    const text = this.text;
    let stop = end;
    let comment = false;
    for (let k = at; k < end; k++) {
      const ch = text.charCodeAt(k);
      if (ch === 35 /* # */ && k > at && text.charCodeAt(k - 1) === 32) {
        stop = k;
        comment = true;
        break;
      }
      // `: ` or a final `:` inside a value: a mapping where yaml says none may be.
      if (ch === 58 /* : */ && (k + 1 >= end || text.charCodeAt(k + 1) === 32)) giveUp();
    }
    while (stop > at && text.charCodeAt(stop - 1) === 32) stop--;
    parts.push(text.slice(at, stop));
    return { stop, comment };
  }
}
