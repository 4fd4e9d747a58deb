/** The finding model shared by the loader, schema validation, rules and the planner. */

export type Severity = 'error' | 'warning' | 'info';

/** Identity of the Kubernetes object a finding is about (when there is one). */
export interface ObjectRef {
  apiVersion?: string;
  kind?: string;
  namespace?: string;
  name?: string;
}

/** A 1-based, inclusive-start / exclusive-end source range. */
export interface SourceRange {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface Finding extends SourceRange {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  object?: ObjectRef;
  /** A certain, self-contained fix (`kubeplan lint --fix`, editor quick fixes); only when asked for (LintOptions.fixes). */
  fix?: Fix;
}

/**
 * One replacement in a file's text: the characters [start, end) (UTF-16 offsets into the decoded text, as JavaScript
 * strings index it) become `newText`. The SourceRange says the same in 1-based lines/columns, for editors. An insertion
 * has start === end.
 */
export interface TextEdit extends SourceRange {
  start: number;
  end: number;
  newText: string;
}

/** A fix: edits of the finding's file that belong together (applied all or none), never overlapping each other. */
export interface Fix {
  /** What the fix does, for an editor's quick-fix menu: `quote "yes"`, `rename "replica" to "replicas"`. */
  title: string;
  edits: TextEdit[];
}

/** A path into a parsed object, as JSON would address it: ['spec', 'template', 'spec', 'containers', 0, 'image']. */
export type JsonPath = ReadonlyArray<string | number>;

/** Where in the source a path points: the key of a mapping pair, or its value. */
export type LocateTarget = 'key' | 'value';

/**
 * One Kubernetes object read from the inputs, with enough source information that
 * every later stage can point a finding at the exact key or value.
 */
export interface Manifest {
  /** Display path of the file (as given, relative to cwd when possible), or the stdin filename. */
  file: string;
  /** 0-based index of the YAML document in the file. */
  docIndex: number;
  /** 0-based index inside a `kind: List` / `*List`, when the object came from one. */
  itemIndex?: number;
  /** The object as Kubernetes would read it (YAML 1.1 scalars, merge keys resolved). */
  object: Record<string, unknown>;
  /** apiVersion / kind / metadata.namespace (raw, may be undefined) / metadata.name. */
  ref: ObjectRef;
  /** Path prefix of this object inside its document (['items', 3] for a List item, [] otherwise). */
  basePath: JsonPath;
  /** Source range of `path` (relative to the object); falls back to the nearest existing ancestor. */
  locate(path: JsonPath, target?: LocateTarget): SourceRange;
  /** Raw source text of the plain scalar at `path`, if it is a scalar (used to explain YAML 1.1 surprises). */
  scalarSource(path: JsonPath): { text: string; plain: boolean } | undefined;
  /**
   * The inverse of `locate`: the path (relative to the object) of the key or value at a 1-based line/column
   * (columns in UTF-16 code units, as in SourceRange); `onKey` when on a mapping key. Undefined outside this object,
   * on blank space or comments. Optional: manifests not read from YAML text may not have it.
   */
  pathAt?(line: number, column: number): { path: JsonPath; onKey: boolean } | undefined;
}
