/**
 * Manifests from plain data: an object, where it sits in its file, and its document's positions. The loader makes
 * every Manifest here, on the main thread and from what `--jobs` workers send back alike, so both kinds locate
 * findings the same way.
 */
import { LineCounter } from 'yaml';
import type { JsonPath, Manifest, ObjectRef, SourceRange } from '../core/types.js';
import { locateOffsets, scalarOffsets, type DocumentPositions } from './positions.js';

/** What a Manifest is made of; structured-clone data (it crosses threads). */
export interface ManifestData {
  file: string;
  docIndex: number;
  itemIndex?: number;
  object: Record<string, unknown>;
  basePath: Array<string | number>;
  positions: DocumentPositions;
}

/** Maps a file offset to the JSON path under it (DocumentSourceMap.pathAt), per document. */
export type PathFinder = (offset: number) => { path: Array<string | number>; onKey: boolean } | undefined;

/**
 * One file's text, shared by the manifests read from it: line numbers (counted once, when first needed) and, for
 * editors' hovers, the path at a position (the syntax tree is parsed again on the first such question: lint runs
 * never ask, so no Document is kept for them).
 */
export class FileSource {
  private lineCounter?: LineCounter;
  private finders?: ReadonlyArray<PathFinder | undefined>;

  constructor(
    readonly text: string,
    /** Path finders of the file's documents by docIndex, computed when first asked for. */
    private readonly pathFinders: () => ReadonlyArray<PathFinder | undefined>,
    lines?: LineCounter,
  ) {
    this.lineCounter = lines;
  }

  get lines(): LineCounter {
    if (!this.lineCounter) this.lineCounter = countLines(this.text);
    return this.lineCounter;
  }

  toRange(start: number, end: number): SourceRange {
    const s = this.lines.linePos(start);
    const e = this.lines.linePos(Math.max(start, end));
    return { line: s.line, column: s.col, endLine: e.line, endColumn: e.col };
  }

  /** File offset of a 1-based line/column (columns count UTF-16 code units, as `toRange` does); undefined past the line's end. */
  offsetOf(line: number, column: number): number | undefined {
    const starts = this.lines.lineStarts;
    if (!Number.isSafeInteger(line) || !Number.isSafeInteger(column) || line < 1 || column < 1 || line > starts.length)
      return undefined;
    const start = starts[line - 1]!;
    const end = starts[line] ?? this.text.length + 1;
    const offset = start + column - 1;
    return offset < end ? offset : undefined;
  }

  pathFinder(docIndex: number): PathFinder | undefined {
    if (!this.finders) this.finders = this.pathFinders();
    return this.finders[docIndex];
  }
}

/** Line starts of a whole text (yaml's LineCounter). */
export function countLines(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

export function manifestOf(data: ManifestData, source: FileSource): Manifest {
  const { file, docIndex, itemIndex, object, basePath, positions } = data;
  const full = (path: JsonPath): JsonPath => (basePath.length === 0 ? path : [...basePath, ...path]);
  const manifest: Manifest = {
    file,
    docIndex,
    ...(itemIndex === undefined ? {} : { itemIndex }),
    object,
    ref: refOf(object),
    basePath,
    locate: (path, target = 'value') => {
      const [start, end] = locateOffsets(positions, full(path), target);
      return source.toRange(start, end);
    },
    scalarSource: (path) => {
      const at = scalarOffsets(positions, full(path));
      return at && { text: source.text.slice(at.start, at.end), plain: at.plain };
    },
    pathAt: (line, column) => {
      const offset = source.offsetOf(line, column);
      const hit = offset === undefined ? undefined : source.pathFinder(docIndex)?.(offset);
      if (!hit || hit.path.length < basePath.length || basePath.some((segment, i) => hit.path[i] !== segment))
        return undefined;
      return { path: hit.path.slice(basePath.length), onKey: hit.onKey };
    },
  };
  dataOf.set(manifest, data);
  return manifest;
}

const dataOf = new WeakMap<Manifest, ManifestData>();

/** The data a Manifest was made from (for sending it to another thread); undefined if manifestOf did not make it. */
export function manifestDataOf(m: Manifest): ManifestData | undefined {
  return dataOf.get(m);
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

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Map) &&
    !(value instanceof Set)
  );
}
