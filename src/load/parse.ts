/**
 * Parses one text (a file or stdin) into Manifests, the way Kubernetes reads YAML:
 * YAML 1.1 scalars (yes/no/on/off are booleans, 0755 is octal) and merge keys, via sigs.k8s.io/yaml → go-yaml v2.
 * Problems become findings; a bad document never stops the others from being read.
 */
import { isMap, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Finding, Manifest, ObjectRef, SourceRange } from '../core/types.js';
import { DEFAULT_LIMITS, type LoadLimits } from './limits.js';
import { DocumentSourceMap } from './source-map.js';

export interface ParseResult {
  manifests: Manifest[];
  findings: Finding[];
  /** Number of YAML documents seen (including empty ones). */
  documents: number;
}

const HELM_SIGNATURE =
  /\{\{-?\s*(?:\.Values|\.Release|\.Chart|\.Capabilities|\.Files|\.Template|include\s|template\s|toYaml|tpl\s|if\s|else\b|end\s*-?\}\}|range\s|with\s|define\s|required\s|default\s|\/\*)/;

const MAX_SYNTAX_FINDINGS_PER_DOCUMENT = 10;

export function parseText(text: string, file: string, limits: LoadLimits = DEFAULT_LIMITS): ParseResult {
  const lines = new LineCounter();
  const findings: Finding[] = [];
  const manifests: Manifest[] = [];
  const at = (ruleId: string, severity: Finding['severity'], message: string, range: SourceRange, object?: ObjectRef) =>
    findings.push({ ruleId, severity, message, file, ...range, ...(object ? { object } : {}) });

  let docs: Document.Parsed[];
  try {
    docs = parseAllDocuments(text, {
      version: '1.1',
      merge: true,
      uniqueKeys: true,
      prettyErrors: false,
      lineCounter: lines,
      keepSourceTokens: false,
    }) as Document.Parsed[];
  } catch (err) {
    at('input/parse', 'error', `cannot parse file: ${describe(err)}`, { line: 1, column: 1, endLine: 1, endColumn: 1 });
    return { manifests, findings, documents: 0 };
  }
  if (!Array.isArray(docs)) docs = [docs as unknown as Document.Parsed];

  let contentDocs = 0;
  docs.forEach((doc, docIndex) => {
    if (docIndex >= limits.maxDocuments) {
      if (docIndex === limits.maxDocuments) {
        const r = rangeOf(lines, doc.range?.[0] ?? 0);
        at('input/too-many-documents', 'error', `file has ${docs.length} documents; only the first ${limits.maxDocuments} are checked (raise with --max-documents)`, r);
      }
      return;
    }
    const sourceMap = new DocumentSourceMap(doc, lines, text);
    const docText = text.slice(doc.range?.[0] ?? 0, doc.range?.[2] ?? text.length);

    const template = findTemplate(docText, doc.errors.length > 0);
    if (template >= 0) {
      contentDocs++;
      const offset = (doc.range?.[0] ?? 0) + template;
      at('input/unrendered-template', 'error', 'unrendered template ({{ … }}): render it first (helm template / kustomize build) and lint the output; this document is skipped', sourceMap.toRange(offset, offset + 2));
      return;
    }

    let fatal = false;
    let reported = 0;
    for (const error of doc.errors) {
      const duplicate = error.code === 'DUPLICATE_KEY';
      if (!duplicate) fatal = true;
      if (reported++ >= MAX_SYNTAX_FINDINGS_PER_DOCUMENT) continue;
      if (error.code === 'RESOURCE_EXHAUSTION') {
        const [start] = clampToContent(text, error.pos[0], error.pos[1]);
        at('input/too-deep', 'error', 'document nests too deeply to read safely; not checked', sourceMap.toRange(start, start + 1));
        continue;
      }
      if (duplicate) {
        const key = keyAt(text, error.pos[0]);
        at('yaml/duplicate-key', 'error', `duplicate key: ${JSON.stringify(key)} is already defined in this mapping (the API server rejects duplicate fields)`, sourceMap.toRange(error.pos[0], error.pos[0] + key.length));
        continue;
      }
      const [start, end] = clampToContent(text, error.pos[0], error.pos[1]);
      at('yaml/syntax', 'error', `YAML syntax error: ${firstLine(error.message)}`, sourceMap.toRange(start, end));
    }
    if (fatal) {
      contentDocs++;
      return;
    }
    if (doc.contents === null || (doc.contents as { value?: unknown }).value === null && !isMap(doc.contents) && !isSeq(doc.contents)) {
      return; // an empty document (`---` with nothing after it) is ignored, as kubectl does
    }
    contentDocs++;

    const depth = nestingDepth(doc.contents as Node, limits.maxDepth);
    if (depth > limits.maxDepth) {
      at('input/too-deep', 'error', `document nests deeper than ${limits.maxDepth} levels; not checked (raise with --max-depth)`, sourceMap.documentRange());
      return;
    }

    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount });
    } catch (err) {
      const exhausted = /alias/i.test(describe(err));
      at(
        exhausted ? 'input/alias-limit' : 'input/parse',
        'error',
        exhausted
          ? `too many alias expansions (more than ${limits.maxAliasCount}: a "billion laughs" document?); not checked (raise with --max-aliases)`
          : `cannot read document: ${describe(err)}`,
        sourceMap.documentRange(),
      );
      return;
    }

    if (!isPlainObject(value)) {
      at('input/not-an-object', 'error', `document is ${kindOfValue(value)}, not a Kubernetes object (a mapping with apiVersion and kind)`, sourceMap.documentRange());
      return;
    }

    const kind = value.kind;
    if (typeof kind === 'string' && kind.endsWith('List') && Array.isArray(value.items)) {
      value.items.forEach((item, itemIndex) => {
        const basePath = ['items', itemIndex];
        if (!isPlainObject(item)) {
          at('input/not-an-object', 'error', `items[${itemIndex}] is ${kindOfValue(item)}, not a Kubernetes object`, sourceMap.locate(basePath));
          return;
        }
        manifests.push(makeManifest(file, docIndex, item, sourceMap, basePath, itemIndex));
      });
      return;
    }
    manifests.push(makeManifest(file, docIndex, value, sourceMap, []));
  });

  if (contentDocs === 0 && findings.length === 0) {
    at('input/empty', 'info', text.trim() === '' ? 'file is empty' : 'file contains no Kubernetes objects (only comments or empty documents)', { line: 1, column: 1, endLine: 1, endColumn: 1 });
  }
  return { manifests, findings, documents: docs.length };
}

function makeManifest(
  file: string,
  docIndex: number,
  object: Record<string, unknown>,
  sourceMap: DocumentSourceMap,
  basePath: (string | number)[],
  itemIndex?: number,
): Manifest {
  return {
    file,
    docIndex,
    ...(itemIndex === undefined ? {} : { itemIndex }),
    object,
    ref: refOf(object),
    basePath,
    locate: (path, target) => sourceMap.locate([...basePath, ...path], target),
    scalarSource: (path) => sourceMap.scalarSource([...basePath, ...path]),
  };
}

export function refOf(object: Record<string, unknown>): ObjectRef {
  const metadata = isPlainObject(object.metadata) ? object.metadata : {};
  const ref: ObjectRef = {};
  if (typeof object.apiVersion === 'string') ref.apiVersion = object.apiVersion;
  if (typeof object.kind === 'string') ref.kind = object.kind;
  if (typeof metadata.namespace === 'string') ref.namespace = metadata.namespace;
  if (typeof metadata.name === 'string') ref.name = metadata.name;
  return ref;
}

/** Offset of the first template marker in a document, or -1. */
function findTemplate(docText: string, hasErrors: boolean): number {
  const helm = HELM_SIGNATURE.exec(docText);
  if (helm) return helm.index;
  if (hasErrors) return docText.indexOf('{{');
  return -1;
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

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Map) && !(value instanceof Set);
}

function kindOfValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return 'a sequence';
  if (typeof value === 'object') return 'not a plain mapping';
  return `a ${typeof value} scalar`;
}

function rangeOf(lines: LineCounter, offset: number): SourceRange {
  const p = lines.linePos(offset);
  return { line: p.line, column: p.col, endLine: p.line, endColumn: p.col };
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

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
