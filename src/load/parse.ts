/**
 * Parses one text (a file or stdin) into Manifests, the way Kubernetes reads YAML:
 * YAML 1.1 scalars (yes/no/on/off are booleans, 0755 is octal) and merge keys, via sigs.k8s.io/yaml → go-yaml v2.
 * Problems become findings; a bad document never stops the others from being read.
 */
import {
  Composer,
  Document as YamlDocument,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  Parser,
  type Alias,
  type CST,
  type Document,
  type LineCounter,
  type Node,
} from 'yaml';
import type { Finding, Manifest, ObjectRef, SourceRange } from '../core/types.js';
import { DEFAULT_LIMITS, type LoadLimits } from './limits.js';
import { kubernetesTags } from './scalars.js';
import { countLines, FileSource, isPlainObject, manifestOf, type PathFinder } from './manifest.js';
import { readBlockYaml, type PlainResolver } from './block-yaml.js';
import { buildPositions, locateOffsets, type DocumentPositions } from './positions.js';
import { DocumentSourceMap } from './source-map.js';

export { isPlainObject, refOf } from './manifest.js';

export interface ParseResult {
  manifests: Manifest[];
  findings: Finding[];
  /** Number of YAML documents seen (including empty ones). */
  documents: number;
}

const HELM_SIGNATURE =
  /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|include\s|template\s|toYaml|tpl\s|if\s|else\b|end\s*-?\}\}|range\s|with\s|define\s|required\s|default\s|\/\*)/;

const MAX_SYNTAX_FINDINGS_PER_DOCUMENT = 10;

/**
 * Options for eemeli/yaml: YAML 1.1 with go-yaml v2's scalars, merge keys, no console output. Duplicate keys are
 * found by `duplicateKeys` (a hash set per mapping): yaml's own check compares each key with every earlier one,
 * O(n²) — 47 s on a ConfigMap with 80,000 keys.
 */
const YAML_OPTIONS = {
  version: '1.1',
  merge: true,
  uniqueKeys: false,
  keepSourceTokens: false,
  logLevel: 'error',
  customTags: kubernetesTags,
} as const;

let resolver: PlainResolver | undefined;

/**
 * How yaml resolves a plain scalar with YAML_OPTIONS (findScalarTagByTest in yaml's compose-scalar): the first
 * default tag whose test matches, resolved; undefined where yaml would report an error. For block-yaml.ts.
 */
export function plainResolver(): PlainResolver {
  if (resolver) return resolver;
  const schema = new YamlDocument(null, YAML_OPTIONS).schema;
  const tags = (
    schema.tags as Array<{
      default?: unknown;
      test?: RegExp;
      resolve: (source: string, onError: () => void, options: object) => unknown;
    }>
  ).filter((tag) => tag.default === true && tag.test);
  resolver = (source) => {
    const tag = tags.find((t) => t.test!.test(source));
    if (!tag) return { value: source };
    let failed = false;
    const resolved = tag.resolve(source, () => (failed = true), {}) as unknown;
    const value = isScalar(resolved) ? resolved.value : resolved;
    if (failed || (typeof value === 'object' && value !== null)) return undefined;
    return { value };
  };
  return resolver;
}

/** Longest message text taken from the YAML parser (its messages can quote source). */
const MAX_MESSAGE = 200;

/** One YAML document of the stream: composed, or left uncomposed because it nests too deeply. */
type Slot =
  | { doc: Document.Parsed; base: number; chunk: string }
  /** Read by the block-YAML reader (block-yaml.ts): value and positions, no Document. */
  | { fast: { value: Record<string, unknown>; positions: DocumentPositions } }
  | { deep: { start: number; at: number } }
  | { directive: { at: number; version: string } };

export function parseText(
  text: string,
  file: string,
  limits: LoadLimits = DEFAULT_LIMITS,
  /** `blockReader: false` reads every document with yaml (tests compare the two readers). */
  options: { blockReader?: boolean } = {},
): ParseResult {
  const lines = countLines(text);
  const source = fileSource(text, limits, lines);
  const findings: Finding[] = [];
  const manifests: Manifest[] = [];
  const at = (ruleId: string, severity: Finding['severity'], message: string, range: SourceRange, object?: ObjectRef) =>
    findings.push({ ruleId, severity, message, file, ...range, ...(object ? { object } : {}) });
  /** A one-character range at `offset` (empty at the end of a line or of the file). */
  const pointAt = (offset: number): SourceRange => {
    const p = lines.linePos(offset);
    const char = text[offset];
    const width = char === undefined || char === '\n' || char === '\r' ? 0 : 1;
    return { line: p.line, column: p.col, endLine: p.line, endColumn: p.col + width };
  };

  let stream: ReturnType<typeof composeStream>;
  try {
    stream = composeStream(text, limits, options.blockReader ?? true);
  } catch (err) {
    at('input/parse', 'error', `cannot parse file: ${clip(describe(err))}`, {
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
    });
    return { manifests, findings, documents: 0 };
  }
  if (stream.overflowAt >= 0) {
    at(
      'input/too-many-documents',
      'error',
      `file has ${stream.total} documents; only the first ${limits.maxDocuments} are checked (raise with --max-documents)`,
      pointAt(stream.overflowAt),
    );
  }

  const incompatible = (at: number, version: string) =>
    findings.push({
      ruleId: 'yaml/syntax',
      severity: 'error',
      message: `YAML syntax error: %YAML ${clip(version)} directive: Kubernetes (go-yaml v2) reads only YAML 1.1 and rejects it ("found incompatible YAML document")`,
      file,
      ...pointAt(at),
    });
  for (const orphan of stream.orphans) incompatible(orphan.at, orphan.version);

  /** A document's value: its manifests (one, or a List's items), or why it is none. */
  const emit = (
    value: unknown,
    docIndex: number,
    positionsOf: () => DocumentPositions,
    where: { documentRange(): SourceRange; locate(path: Array<string | number>): SourceRange },
  ) => {
    if (!isPlainObject(value)) {
      at(
        'input/not-an-object',
        'error',
        `document is ${kindOfValue(value)}, not a Kubernetes object (a mapping with apiVersion and kind)`,
        where.documentRange(),
      );
      return;
    }
    let positions: DocumentPositions | undefined;
    const manifest = (object: Record<string, unknown>, basePath: Array<string | number>, itemIndex?: number) => {
      positions ??= positionsOf();
      const data = { file, docIndex, object, basePath, positions };
      return manifestOf(itemIndex === undefined ? data : { ...data, itemIndex }, source);
    };
    const kind = value.kind;
    if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, itemIndex) => {
        const basePath = ['items', itemIndex];
        if (!isPlainObject(item)) {
          at(
            'input/not-an-object',
            'error',
            `items[${itemIndex}] is ${kindOfValue(item)}, not a Kubernetes object`,
            where.locate(basePath),
          );
          return;
        }
        manifests.push(manifest(item, basePath, itemIndex));
      });
      return;
    }
    manifests.push(manifest(value, []));
  };

  let contentDocs = 0;
  stream.slots.forEach((slot, docIndex) => {
    if ('fast' in slot) {
      contentDocs++;
      const { positions } = slot.fast;
      emit(slot.fast.value, docIndex, () => positions, {
        documentRange: () => source.toRange(positions.documentStart, positions.documentEnd),
        locate: (path) => source.toRange(...locateOffsets(positions, path, 'value')),
      });
      return;
    }
    if ('directive' in slot) {
      contentDocs++;
      incompatible(slot.directive.at, slot.directive.version);
      return;
    }
    if ('deep' in slot) {
      contentDocs++;
      const line = lines.linePos(slot.deep.at).line;
      at(
        'input/too-deep',
        'error',
        `document nests deeper than ${limits.maxDepth} levels (at line ${line}); not checked (raise with --max-depth)`,
        pointAt(slot.deep.start),
      );
      return;
    }
    // Offsets inside `doc` are relative to its chunk (see composeStream); `base` turns them into file offsets.
    const { doc, base, chunk } = slot;
    const aliases = new Map<Alias, Node | null>();
    const sourceMap = new DocumentSourceMap(doc, lines, chunk, aliases, base);
    const docText = chunk.slice(doc.range?.[0] ?? 0, doc.range?.[2] ?? chunk.length);

    const template = findTemplate(docText, doc.errors.length > 0);
    if (template >= 0) {
      contentDocs++;
      const offset = (doc.range?.[0] ?? 0) + template;
      at(
        'input/unrendered-template',
        'error',
        'unrendered template ({{ … }}): render it first (helm template / kustomize build) and lint the output; this document is skipped',
        sourceMap.toRange(offset, offset + 2),
      );
      return;
    }

    let fatal = false;
    let reported = 0;
    let exhausted = false;
    for (const error of withDuplicateKeys(doc)) {
      const duplicate = error.code === 'DUPLICATE_KEY';
      if (!duplicate) fatal = true;
      if (error.code === 'RESOURCE_EXHAUSTION') {
        // Only reachable when --max-depth is raised past what the stack allows: the pre-scan stops the rest.
        if (exhausted) continue;
        exhausted = true;
        at(
          'input/too-deep',
          'error',
          'document nests too deeply to read safely; not checked (lower --max-depth)',
          pointAt(base + documentStart(doc)),
        );
        continue;
      }
      if (reported++ >= MAX_SYNTAX_FINDINGS_PER_DOCUMENT) continue;
      if (duplicate) {
        const key = keyAt(chunk, error.pos[0]);
        at(
          'yaml/duplicate-key',
          'error',
          `duplicate key: ${clip(JSON.stringify(key))} is already defined in this mapping (the API server rejects duplicate fields)`,
          sourceMap.toRange(error.pos[0], error.pos[0] + key.length),
        );
        continue;
      }
      const [start, end] = clampToContent(chunk, error.pos[0], error.pos[1]);
      at('yaml/syntax', 'error', `YAML syntax error: ${clip(firstLine(error.message))}`, sourceMap.toRange(start, end));
    }
    if (fatal) {
      contentDocs++;
      return;
    }
    if (
      doc.contents === null ||
      ((doc.contents as { value?: unknown }).value === null && !isMap(doc.contents) && !isSeq(doc.contents))
    ) {
      return; // an empty document (`---` with nothing after it) is ignored, as kubectl does
    }
    contentDocs++;

    const depth = nestingDepth(doc.contents as Node, limits.maxDepth);
    if (depth > limits.maxDepth) {
      at(
        'input/too-deep',
        'error',
        `document nests deeper than ${limits.maxDepth} levels; not checked (raise with --max-depth)`,
        pointAt(base + documentStart(doc)),
      );
      return;
    }

    // Aliases: resolved once (also for the source map), cycles and unknown anchors are findings, not hangs or throws.
    const graph = checkGraph(doc, aliases, chunk);
    if (graph.template !== undefined) {
      // `{{name}}` (mustache, Jinja, envsubst-style templates) parses as a flow map inside a flow map.
      at(
        'input/unrendered-template',
        'error',
        'unrendered template ({{ … }}): render it first and lint the output; this document is skipped',
        sourceMap.toRange(graph.template, graph.template + 2),
      );
      return;
    }
    for (const problem of graph.problems)
      at(problem.ruleId, 'error', problem.message, sourceMap.toRange(problem.range[0], problem.range[1]));
    if (graph.fatal) return;

    // Budget what aliases expand to, not only how many there are: 99 aliases of one anchor on 5,000 containers
    // (199 KB) expand to 10 MB of objects to check (51 s, 2.8 GB before this limit).
    // Without aliases nothing expands (and the value is exactly as deep as the document checked above): both alias
    // walks are skipped, as most documents have none.
    const hasAliases = aliases.size > 0;
    const overBudget = hasAliases ? aliasOverBudget(doc.contents, aliases, limits.maxAliasBytes) : undefined;
    if (overBudget) {
      const [start, end] = overBudget.range;
      at(
        'input/alias-limit',
        'error',
        `aliases expand this document by more than ${formatBytes(limits.maxAliasBytes)} (${clip(`*${overBudget.alias.source}`)} here brings it to ${formatBytes(overBudget.total)}); not checked (raise with --max-alias-size)`,
        sourceMap.toRange(start, end),
      );
      return;
    }

    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (err) {
      const overBudget = /excessive alias count|alias resolution is disabled/i.test(describe(err));
      at(
        overBudget ? 'input/alias-limit' : 'input/parse',
        'error',
        overBudget
          ? `too many alias expansions (more than ${limits.maxAliasCount}: a "billion laughs" document?); not checked (raise with --max-aliases)`
          : `cannot read document: ${clip(describe(err))}`,
        pointAt(base + documentStart(doc)),
      );
      return;
    }

    // Aliases can stack shallow anchors into a deep value: everything after the loader may recurse on it.
    if (hasAliases && valueHeight(value, limits.maxDepth) > limits.maxDepth) {
      at(
        'input/too-deep',
        'error',
        `document nests deeper than ${limits.maxDepth} levels once its aliases are expanded; not checked (raise with --max-depth)`,
        pointAt(base + documentStart(doc)),
      );
      return;
    }

    emit(value, docIndex, () => buildPositions(doc, aliases, chunk, base), sourceMap);
  });

  if (contentDocs === 0 && findings.length === 0) {
    at(
      'input/empty',
      'info',
      text.trim() === '' ? 'file is empty' : 'file contains no Kubernetes objects (only comments or empty documents)',
      { line: 1, column: 1, endLine: 1, endColumn: 1 },
    );
  }
  return { manifests, findings, documents: stream.total };
}

/** The shared source of a file's manifests (also for manifests a --jobs worker read). */
export function fileSource(text: string, limits: LoadLimits, lines?: LineCounter): FileSource {
  return new FileSource(text, () => pathFinders(text, limits), lines);
}

/**
 * For editors' hovers: each document's path finder (DocumentSourceMap.pathAt) by docIndex, from the text composed
 * again exactly as parseText composed it (same chunks, same limits: the same documents at the same indexes).
 */
function pathFinders(text: string, limits: LoadLimits): Array<PathFinder | undefined> {
  return documentSourceMaps(text, limits).map((map) => map && ((offset: number) => map.pathAt(offset)));
}

/** Each document's DocumentSourceMap by docIndex (undefined for documents that were not composed). */
export function documentSourceMaps(
  text: string,
  limits: LoadLimits = DEFAULT_LIMITS,
): Array<DocumentSourceMap | undefined> {
  const lines = countLines(text);
  return composeStream(text, limits, false).slots.map((slot) =>
    'doc' in slot ? new DocumentSourceMap(slot.doc, lines, slot.chunk, undefined, slot.base) : undefined,
  );
}

/**
 * Splits the file into documents and composes them one at a time.
 *
 * First the text is cut at separator lines (`---`, optionally followed by spaces or a comment), exactly as
 * Kubernetes' YAMLReader does before any YAML parsing: a broken document (an unclosed quote) cannot swallow the
 * documents after it. Each chunk then goes through yaml's CST parser (iterative, so safe at any depth); a document
 * nesting deeper than `maxDepth` is never composed, because yaml's composer recurses and how deep it can go depends on
 * the machine's stack. Documents past `maxDocuments` are counted but not composed.
 */
function composeStream(
  text: string,
  limits: LoadLimits,
  /** Let the block-YAML reader take the documents it can (off where yaml's Document is wanted: pathAt). */
  fast = true,
): { slots: Slot[]; total: number; overflowAt: number; orphans: Array<{ at: number; version: string }> } {
  const slots: Slot[] = [];
  /** Incompatible %YAML directives with no document after them in their chunk (Kubernetes still fails on them). */
  const orphans: Array<{ at: number; version: string }> = [];
  let total = 0;
  let overflowAt = -1;
  const bounds = chunkStarts(text);
  for (let c = 0; c < bounds.length; c++) {
    const base = bounds[c]!;
    const chunk = text.slice(base, bounds[c + 1] ?? text.length);
    if (chunk === '') continue;
    if (fast && total < limits.maxDocuments) {
      const read = readBlockYaml(chunk, base, limits.maxDepth, plainResolver());
      if (read) {
        total++;
        slots.push({ fast: read });
        continue;
      }
    }
    const composer = new Composer(YAML_OPTIONS);
    const pending: number[] = [];
    let skipping = false;
    let incompatible: { at: number; version: string } | undefined;
    const take = (docs: Iterable<Document.Parsed>) => {
      for (const doc of docs) {
        const index = pending.shift();
        if (index === undefined) slots.push({ doc, base, chunk });
        else slots[index] = { doc, base, chunk };
      }
    };
    for (const token of new Parser().parse(chunk)) {
      if (token.type === 'document') {
        total++;
        skipping = false;
        if (total > limits.maxDocuments) {
          if (overflowAt < 0) overflowAt = base + cstStart(token);
          skipping = true;
          continue;
        }
        if (incompatible) {
          slots.push({ directive: incompatible });
          incompatible = undefined;
          skipping = true;
          continue;
        }
        const deepAt = cstTooDeep(token, limits.maxDepth);
        if (deepAt >= 0) {
          slots.push({ deep: { start: base + cstStart(token), at: base + deepAt } });
          skipping = true;
          continue;
        }
        pending.push(slots.length);
        slots.push(undefined as unknown as Slot);
      } else if (token.type === 'directive') {
        const version = /^%YAML[ \t]+(\S{1,40})/.exec(token.source)?.[1];
        if (version !== undefined && version !== '1.1') incompatible = { at: base + token.offset, version };
      } else if (skipping && (token.type === 'doc-end' || token.type === 'error')) {
        continue; // belongs to a document that is not composed
      }
      take(composer.next(token) as Iterable<Document.Parsed>);
    }
    take(composer.end() as Iterable<Document.Parsed>);
    if (incompatible) orphans.push(incompatible);
  }
  return { slots: slots.filter((s) => s !== undefined), total, overflowAt, orphans };
}

/** Separator lines as k8s.io/apimachinery's YAMLReader sees them: `---` at the start of a line, then only blanks or a comment. */
const SEPARATOR = /^---[ \t]*(?:#[^\n]*)?\r?$/gm;

/** Start offsets of the chunks: 0, then the start of every separator line. */
export function chunkStarts(text: string): number[] {
  const starts = [0];
  SEPARATOR.lastIndex = 0;
  for (let m = SEPARATOR.exec(text); m; m = SEPARATOR.exec(text)) {
    if (m.index > 0) starts.push(m.index);
    if (m[0].length === 0) SEPARATOR.lastIndex++;
  }
  return starts;
}

/** Offset where a CST document's content starts (after `---`), or the document's own offset. */
function cstStart(token: CST.Document): number {
  return token.value?.offset ?? token.offset;
}

/** Offset of the first collection nested deeper than `limit` in a CST document, or -1. Iterative. */
function cstTooDeep(token: CST.Document, limit: number): number {
  const stack: Array<[CST.Token | null | undefined, number]> = [[token.value, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!node) continue;
    if (node.type !== 'block-map' && node.type !== 'block-seq' && node.type !== 'flow-collection') continue;
    const inner = depth + 1;
    if (inner > limit) return node.offset;
    for (const item of node.items as CST.CollectionItem[]) {
      if (item.key) stack.push([item.key, inner]);
      if (item.value) stack.push([item.value, inner]);
    }
  }
  return -1;
}

type ParseError = Pick<Document.Parsed['errors'][number], 'code' | 'pos' | 'message'>;

/** The document's errors with its duplicate keys merged in, in source order (as yaml's own check reported them). */
function withDuplicateKeys(doc: Document.Parsed): ParseError[] {
  const duplicates = duplicateKeys(doc.contents);
  if (duplicates.length === 0) return doc.errors;
  const merged: ParseError[] = [];
  let d = 0;
  for (const error of doc.errors) {
    while (d < duplicates.length && duplicates[d]! < error.pos[0]) merged.push(duplicateAt(duplicates[d++]!));
    merged.push(error);
  }
  while (d < duplicates.length) merged.push(duplicateAt(duplicates[d++]!));
  return merged;
}

const duplicateAt = (offset: number): ParseError => ({
  code: 'DUPLICATE_KEY',
  pos: [offset, offset],
  message: 'Map keys must be unique',
});

/**
 * Offsets of the mapping keys that repeat an earlier key of the same mapping, sorted. Keys are equal as yaml's
 * uniqueKeys check has them (scalars with the same resolved value: `on` and `yes` are both true), found with one
 * hash set per mapping instead of comparing every pair. Iterative; aliases are not entered (their target was).
 */
export function duplicateKeys(root: unknown): number[] {
  const out: number[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) out.push(key.range?.[0] ?? 0);
          else seen.add(key.value);
        }
        stack.push(key, pair.value);
      }
    }
  }
  return out.sort((a, b) => a - b);
}

function documentStart(doc: Document.Parsed): number {
  return (doc.contents as { range?: [number, number, number] } | null)?.range?.[0] ?? doc.range?.[0] ?? 0;
}

interface GraphProblem {
  ruleId: string;
  message: string;
  range: [number, number];
}

/**
 * Walks the document once (iteratively, in yaml's own pre-order) and resolves every alias to the last anchor of
 * that name before it, as yaml does — without yaml's per-alias scan of the whole document. Reports:
 * an alias inside the node it refers to (a cycle: go-yaml rejects it, yaml would build a circular object),
 * an alias to an anchor never defined before it, and mapping keys that are themselves mappings or sequences
 * (Kubernetes cannot turn them into JSON object keys).
 */
function checkGraph(
  doc: Document.Parsed,
  aliases: Map<Alias, Node | null>,
  text: string,
): { problems: GraphProblem[]; fatal: boolean; template?: number } {
  const problems: GraphProblem[] = [];
  let fatal = false;
  const anchors = new Map<string, Node>();
  const open = new Set<unknown>();
  const stack: Array<{ node: unknown; exit?: boolean }> = [{ node: doc.contents }];
  const rangeOf = (node: unknown): [number, number] => {
    const r = (node as { range?: [number, number, number] | null }).range;
    return r ? [r[0], r[1]] : [0, 0];
  };
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (exit) {
      open.delete(node);
      continue;
    }
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      const target = anchors.get(node.source) ?? null;
      aliases.set(node, target);
      if (!target) {
        fatal = true;
        problems.push({
          ruleId: 'yaml/syntax',
          message: `YAML syntax error: alias *${clip(node.source)} refers to no anchor defined before it`,
          range: rangeOf(node),
        });
      } else if (open.has(target)) {
        fatal = true;
        problems.push({
          ruleId: 'yaml/alias-cycle',
          message: `alias *${clip(node.source)} refers to a node that contains it (a cycle): Kubernetes cannot read this document`,
          range: rangeOf(node),
        });
      }
      continue;
    }
    const anchor = (node as { anchor?: string }).anchor;
    if (anchor) anchors.set(anchor, node as Node);
    if (isPair(node)) {
      // A field name that is template text (`"{{ .Values.key }}": x`) is an unrendered template, not data.
      if (isScalar(node.key) && typeof node.key.value === 'string') {
        const helm = HELM_SIGNATURE.exec(node.key.value);
        if (helm) {
          const start = rangeOf(node.key)[0];
          const inSource = text.indexOf('{{', start);
          return { problems, fatal: true, template: inSource >= 0 ? inSource : start };
        }
      }
      if (isMap(node.key) || isSeq(node.key)) {
        problems.push({
          ruleId: 'yaml/complex-key',
          message: 'mapping key is itself a mapping or sequence: Kubernetes cannot use it as a field name',
          range: rangeOf(node.key),
        });
      }
      stack.push({ node: node.value }, { node: node.key });
      continue;
    }
    if (isMap(node) || isSeq(node)) {
      const start = rangeOf(node)[0];
      if (
        isMap(node) &&
        node.flow &&
        text.startsWith('{{', start) &&
        isPair(node.items[0]) &&
        isMap(node.items[0].key)
      ) {
        return { problems, fatal: true, template: start };
      }
      open.add(node);
      stack.push({ node, exit: true });
      const items = node.items as unknown[];
      for (let i = items.length - 1; i >= 0; i--) stack.push({ node: items[i] });
    }
  }
  return { problems, fatal };
}

/**
 * The first alias (in document order) at which the content added by aliases passes `budget` bytes, or undefined.
 * Sizes are computed once per node, bottom-up (an alias's anchor is always complete before it: checkGraph has
 * rejected cycles), so this is linear in the document however much the aliases expand to.
 */
function aliasOverBudget(
  root: unknown,
  aliases: Map<Alias, Node | null>,
  budget: number,
): { alias: Alias; range: [number, number]; total: number } | undefined {
  const size = new Map<unknown, number>();
  let added = 0;
  const stack: Array<{ node: unknown; exit: boolean }> = [{ node: root, exit: false }];
  while (stack.length > 0) {
    const { node, exit } = stack.pop()!;
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      const target = aliases.get(node);
      const expanded = target ? (size.get(target) ?? 0) : 0;
      size.set(node, expanded);
      added += expanded;
      if (added > budget) {
        const r = node.range;
        return { alias: node, range: r ? [r[0], r[1]] : [0, 0], total: added };
      }
      continue;
    }
    if (isScalar(node)) {
      const v = node.value;
      size.set(node, 1 + (typeof v === 'string' ? v.length : 8));
      continue;
    }
    const children: unknown[] = isPair(node) ? [node.key, node.value] : isMap(node) || isSeq(node) ? node.items : [];
    if (!exit) {
      stack.push({ node, exit: true });
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], exit: false });
      continue;
    }
    let total = 1;
    for (const child of children) total += size.get(child) ?? 0;
    size.set(node, total);
  }
  return undefined;
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / 1024 / 1024).toFixed(2)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

/** Height of a JSON-like value (1 for a non-empty-or-empty object/array), stopping once past `limit`. Iterative, memoised: aliases share subtrees. */
function valueHeight(root: unknown, limit: number): number {
  if (typeof root !== 'object' || root === null) return 0;
  const height = new Map<object, number>();
  const stack: Array<{ value: object; expanded: boolean }> = [{ value: root, expanded: false }];
  const open = new Set<object>();
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (height.has(frame.value)) {
      stack.pop();
      continue;
    }
    const children = Object.values(frame.value).filter((v): v is object => typeof v === 'object' && v !== null);
    if (!frame.expanded) {
      frame.expanded = true;
      open.add(frame.value);
      if (open.size > limit) return limit + 1;
      for (const child of children) {
        if (open.has(child)) return Number.POSITIVE_INFINITY; // a cycle: never expected after checkGraph
        if (!height.has(child)) stack.push({ value: child, expanded: false });
      }
      continue;
    }
    stack.pop();
    open.delete(frame.value);
    let h = 0;
    for (const child of children) h = Math.max(h, height.get(child) ?? 0);
    if (h + 1 > limit) return h + 1;
    height.set(frame.value, h + 1);
  }
  return height.get(root) ?? 0;
}

/**
 * Offset of the first template marker in a document that YAML cannot read, or -1. In a document that parses, template
 * text inside a string value is data (PrometheusRule descriptions, Alertmanager templates in a ConfigMap, `{{ define }}`
 * blocks) and comments are comments: checkGraph() looks for templates in key or structural position instead.
 */
function findTemplate(docText: string, hasErrors: boolean): number {
  if (!hasErrors) return -1;
  const helm = HELM_SIGNATURE.exec(docText);
  if (helm) return helm.index;
  return docText.indexOf('{{');
}

/** Iterative (no recursion: the input is hostile) depth of nested collections, stopping once past `limit`. */
function nestingDepth(root: Node | null, limit: number): number {
  let max = 0;
  const stack: Array<[unknown, number]> = [[root, 1]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!isMap(node) && !isSeq(node)) continue;
    if (depth > max) max = depth;
    if (max > limit) return max;
    for (const item of node.items as unknown[]) {
      if (isMap(node)) {
        const pair = item as { key: unknown; value: unknown };
        stack.push([pair.key, depth + 1], [pair.value, depth + 1]);
      } else stack.push([item, depth + 1]);
    }
  }
  return max;
}

function kindOfValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a sequence';
  if (typeof value === 'object') return 'not a plain mapping';
  return `a ${typeof value} scalar`;
}

/** The source text of the mapping key starting at `start` (plain or quoted, up to its `:`). */
function keyAt(text: string, start: number): string {
  const rest = text.slice(start, start + 256);
  const m = /^("(?:[^"\\\n]|\\.)*"|'[^'\n]*'|[^:\n,}]*?)\s*:/.exec(rest);
  return m ? m[1]! : (rest.split(/[\r\n]/)[0] ?? '').slice(0, 80);
}

/** Errors found at end of input point at the last real character rather than past the end of the file. */
function clampToContent(text: string, start: number, end: number): [number, number] {
  let last = text.length - 1;
  while (last > 0 && /\s/.test(text[last]!)) last--;
  if (start > last) return [Math.max(0, last), Math.max(0, last) + 1];
  return [start, Math.max(start, end)];
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function clip(message: string): string {
  return message.length > MAX_MESSAGE ? `${message.slice(0, MAX_MESSAGE)}…` : message;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
