/**
 * Suppressions, for every kind of finding (loader, schema, rules, planner):
 *
 * - per object: the annotation `kubeplan.dev/ignore: "rule-a,rule-b"` (or `"*"`), with an optional
 *   `kubeplan.dev/ignore-reason`; it covers findings inside the object's source range and findings
 *   about that object reported elsewhere;
 * - per line, in the YAML source (whole-line comments only, so a `#` inside a value never counts):
 *   `# kubeplan-disable-next-line rule-a, rule-b`, and `# kubeplan-disable [ids]` …
 *   `# kubeplan-enable [ids]` regions (no ids = every rule). Text after ` -- ` is a free-form reason.
 *
 * An id matches exactly, or as a prefix when it ends in `*` (`schema/*`).
 */
import { didYouMean } from '../core/did-you-mean.js';
import type { Finding, Manifest, ObjectRef, SourceRange } from '../core/types.js';
import { isObj } from '../core/values.js';

export const IGNORE_ANNOTATION = 'kubeplan.dev/ignore';
export const IGNORE_REASON_ANNOTATION = 'kubeplan.dev/ignore-reason';

export const DIRECTIVE_UNKNOWN_RULE = 'directive/unknown-rule';
export const DIRECTIVE_UNUSED = 'directive/unused';

/** Drops suppressed findings (a one-shot Suppressions). */
export function applySuppressions(
  findings: Finding[],
  sources: ReadonlyMap<string, string>,
  manifests: Manifest[],
): Finding[] {
  return new Suppressions(sources, manifests).apply(findings);
}

export interface HygieneOptions {
  /** Every id a finding can have: an id (or `prefix/*`) matching none of them is reported as unknown. */
  knownIds: readonly string[];
  /** Report unknown ids (default true). */
  unknown?: boolean;
  /** Report directives (and annotation ids) that suppressed nothing, as ESLint's --report-unused-disable-directives. */
  unused: boolean;
  /**
   * Whether this run could have produced findings for an id pattern (`*` for a bare directive). `lint` never runs the
   * planner, so a directive for plan/… or rollout/… findings is not "unused" there. Default: every id.
   */
  couldFire?: (pattern: string) => boolean;
}

/**
 * The suppressions of a set of files and objects, remembering which directive (and which of its ids) suppressed
 * something, so that one instance can filter several passes (lint, then plan) and then report hygiene:
 * unknown rule ids (always) and, when asked, directives that suppressed nothing.
 */
export class Suppressions {
  private readonly objects: ObjectSuppression[];
  /** Indexes of `objects` by file and by object identity, so apply() looks only at the objects a finding can be about. */
  private readonly objectsByLine = new Map<string, (number[] | undefined)[]>();
  private readonly objectsByRef = new Map<string, number[]>();
  private readonly directives = new Map<string, Directive[]>();
  /** `file:line:idIndex` of directive ids that suppressed a finding (idIndex -1 = a bare directive). */
  private readonly used = new Set<string>();

  constructor(
    private readonly sources: ReadonlyMap<string, string>,
    manifests: Manifest[],
  ) {
    this.objects = objectSuppressions(manifests);
    this.objects.forEach((o, i) => {
      // Every line of the object's source range points at it (linear in the annotated objects' size).
      let lines = this.objectsByLine.get(o.file);
      if (!lines) this.objectsByLine.set(o.file, (lines = []));
      for (let line = o.span.line; line <= o.span.endLine; line++) (lines[line] ??= []).push(i);
      const key = refKey(o.ref);
      if (key !== undefined) push(this.objectsByRef, key, i);
    });
  }

  apply(findings: Finding[]): Finding[] {
    return findings.filter((f) => {
      for (const o of this.candidates(f)) {
        const i = o.match(f);
        if (i >= 0) {
          o.used.add(i);
          return false;
        }
      }
      const hit = suppressedByComments(f, this.directivesOf(f.file));
      if (!hit) return true;
      this.used.add(`${f.file}:${hit.directive.line}:${hit.idIndex}`);
      return false;
    });
  }

  /** Findings about the suppressions themselves (computed after every apply; they can be passed to apply too). */
  report(options: HygieneOptions): Finding[] {
    const known = new Set(options.knownIds);
    const isKnown = (id: string) =>
      id === '*' || (id.endsWith('*') ? options.knownIds.some((k) => k.startsWith(id.slice(0, -1))) : known.has(id));
    const couldFire = options.couldFire ?? (() => true);
    const out: Finding[] = [];
    const files = [...this.sources.keys()].sort();
    for (const file of files) {
      for (const d of this.directivesOf(file)) {
        const where = (range: { column: number; endColumn: number }) => ({
          file,
          line: d.line,
          column: range.column,
          endLine: d.line,
          endColumn: range.endColumn,
        });
        d.ids.forEach((id, i) => {
          if (!isKnown(id.id)) {
            if (options.unknown === false) return;
            out.push({
              ruleId: DIRECTIVE_UNKNOWN_RULE,
              severity: 'warning',
              message: `unknown rule ${JSON.stringify(id.id)} in a kubeplan-${d.kind} comment${didYouMean(id.id, options.knownIds)}`,
              ...where(id),
            });
          } else if (
            options.unused &&
            d.kind !== 'enable' &&
            couldFire(id.id) &&
            !this.used.has(`${file}:${d.line}:${i}`)
          ) {
            out.push({
              ruleId: DIRECTIVE_UNUSED,
              severity: 'warning',
              message: `unused kubeplan-${d.kind} comment: no ${JSON.stringify(id.id)} finding to suppress here`,
              ...where(id),
            });
          }
        });
        if (
          options.unused &&
          d.kind !== 'enable' &&
          d.ids.length === 0 &&
          couldFire('*') &&
          !this.used.has(`${file}:${d.line}:-1`)
        ) {
          out.push({
            ruleId: DIRECTIVE_UNUSED,
            severity: 'warning',
            message: `unused kubeplan-${d.kind} comment: there is no finding to suppress here`,
            ...where(d),
          });
        }
      }
    }
    for (const o of this.objects) {
      o.ids.forEach((id, i) => {
        const at = { file: o.file, ...o.range, object: o.ref };
        if (!isKnown(id)) {
          if (options.unknown === false) return;
          out.push({
            ruleId: DIRECTIVE_UNKNOWN_RULE,
            severity: 'warning',
            message: `unknown rule ${JSON.stringify(id)} in the ${IGNORE_ANNOTATION} annotation${didYouMean(id, options.knownIds)}`,
            ...at,
          });
        } else if (options.unused && couldFire(id) && !o.used.has(i)) {
          out.push({
            ruleId: DIRECTIVE_UNUSED,
            severity: 'warning',
            message: `unused ${IGNORE_ANNOTATION} id ${JSON.stringify(id)}: no such finding about this object`,
            ...at,
          });
        }
      });
    }
    return out;
  }

  /** The annotated objects a finding can be about (same file, or the same object), in input order. */
  private candidates(f: Finding): ObjectSuppression[] {
    if (this.objects.length === 0) return [];
    const inFile = this.objectsByLine.get(f.file)?.[f.line] ?? [];
    const key = f.object ? refKey(f.object) : undefined;
    const sameRef = key !== undefined ? (this.objectsByRef.get(key) ?? []) : [];
    const at = sameRef.length === 0 ? inFile : [...new Set([...inFile, ...sameRef])].sort((a, b) => a - b);
    return at.map((i) => this.objects[i]!);
  }

  private directivesOf(file: string): Directive[] {
    let list = this.directives.get(file);
    if (!list) this.directives.set(file, (list = parseDirectives(this.sources.get(file) ?? '')));
    return list;
  }
}

/** In `lint` (no planner), a pattern that could name plan/… or rollout/… findings cannot be judged unused. */
export function lintCouldFire(pattern: string): boolean {
  const planner = ['plan/', 'rollout/'];
  if (pattern === '*') return false;
  if (pattern.endsWith('*')) {
    const prefix = pattern.slice(0, -1);
    return !planner.some((p) => p.startsWith(prefix) || prefix.startsWith(p));
  }
  return !planner.some((p) => pattern.startsWith(p));
}

// ─── Object annotations ────────────────────────────────────────────────────────────────────────

interface ObjectSuppression {
  /** Index of the first id that suppresses the finding, or -1. */
  match(finding: Finding): number;
  ids: string[];
  used: Set<number>;
  file: string;
  range: SourceRange;
  ref: ObjectRef;
  /** Lines of the whole object. */
  span: { line: number; endLine: number };
}

function objectSuppressions(manifests: Manifest[]): ObjectSuppression[] {
  const out: ObjectSuppression[] = [];
  for (const manifest of manifests) {
    const annotations = isObj(manifest.object.metadata) ? manifest.object.metadata.annotations : undefined;
    const value = isObj(annotations) ? annotations[IGNORE_ANNOTATION] : undefined;
    if (typeof value !== 'string') continue;
    const ids = splitIds(value);
    if (ids.length === 0) continue;
    const range = manifest.locate([]);
    const about = (f: Finding) =>
      (f.file === manifest.file && f.line >= range.line && f.line <= range.endLine) ||
      (f.object !== undefined && sameObject(f.object, manifest.ref));
    out.push({
      match: (f) => (about(f) ? ids.findIndex((id) => idMatches(id, f.ruleId)) : -1),
      ids,
      used: new Set(),
      file: manifest.file,
      range: manifest.locate(['metadata', 'annotations', IGNORE_ANNOTATION], 'value'),
      ref: manifest.ref,
      span: { line: range.line, endLine: range.endLine },
    });
  }
  return out;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A key equal for two refs exactly when sameObject() holds (undefined: the ref names no object). */
function refKey(ref: ObjectRef): string | undefined {
  if (ref.kind === undefined || ref.name === undefined) return undefined;
  return JSON.stringify([ref.apiVersion ?? null, ref.kind, ref.namespace ?? null, ref.name]);
}

function sameObject(a: ObjectRef, b: ObjectRef): boolean {
  return (
    a.kind !== undefined &&
    a.name !== undefined &&
    a.apiVersion === b.apiVersion &&
    a.kind === b.kind &&
    a.namespace === b.namespace &&
    a.name === b.name
  );
}

// ─── Comment directives ────────────────────────────────────────────────────────────────────────

type DirectiveKind = 'disable-next-line' | 'disable' | 'enable';

interface DirectiveId {
  id: string;
  /** 1-based columns of the id in its line. */
  column: number;
  endColumn: number;
}

interface Directive {
  kind: DirectiveKind;
  /** 1-based line of the comment. */
  line: number;
  /** Columns of the whole comment. */
  column: number;
  endColumn: number;
  /** Rule ids; empty means every rule. */
  ids: DirectiveId[];
}

const DIRECTIVE = /^\s*#\s*kubeplan-(disable-next-line|disable|enable)(?=\s|$)(.*)$/;

export function parseDirectives(text: string): Directive[] {
  const out: Directive[] = [];
  if (!text.includes('kubeplan-')) return out;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = DIRECTIVE.exec(lines[i]!);
    if (!match) continue;
    const line = lines[i]!;
    const rest = match[2]!.split(/\s--\s|\s--$/)[0]!;
    // Columns of each id: searched left to right after the directive keyword.
    let from = line.length - match[2]!.length;
    const ids = splitIds(rest).map((id) => {
      const at = line.indexOf(id, from);
      from = at + id.length;
      return { id, column: at + 1, endColumn: at + 1 + id.length };
    });
    const hash = line.indexOf('#');
    out.push({ kind: match[1] as DirectiveKind, line: i + 1, column: hash + 1, endColumn: line.length + 1, ids });
  }
  return out;
}

/** The directive (and which of its ids; -1 for a bare one) that suppresses the finding, if any. */
function suppressedByComments(
  finding: Finding,
  directives: readonly Directive[],
): { directive: Directive; idIndex: number } | undefined {
  if (directives.length === 0) return undefined;
  // Replays disable/enable in source order up to the finding's line, ESLint-style: after a bare
  // `disable`, `enable rule-a` re-enables just that rule.
  let all: Directive | undefined;
  const disabled = new Map<string, { directive: Directive; idIndex: number }>();
  const reEnabled = new Set<string>();
  for (const d of directives) {
    if (d.line >= finding.line) break;
    if (d.kind === 'disable-next-line') {
      if (d.line !== finding.line - 1) continue;
      if (d.ids.length === 0) return { directive: d, idIndex: -1 };
      const i = d.ids.findIndex((id) => idMatches(id.id, finding.ruleId));
      if (i >= 0) return { directive: d, idIndex: i };
    } else if (d.ids.length === 0) {
      all = d.kind === 'disable' ? d : undefined;
      disabled.clear();
      reEnabled.clear();
    } else {
      d.ids.forEach(({ id }, idIndex) => {
        if (d.kind === 'disable') all ? reEnabled.delete(id) : disabled.set(id, { directive: d, idIndex });
        else all ? reEnabled.add(id) : disabled.delete(id);
      });
    }
  }
  if (all)
    return [...reEnabled].some((id) => idMatches(id, finding.ruleId)) ? undefined : { directive: all, idIndex: -1 };
  for (const [id, hit] of disabled) if (idMatches(id, finding.ruleId)) return hit;
  return undefined;
}

function splitIds(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function idMatches(pattern: string, ruleId: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('*')) return ruleId.startsWith(pattern.slice(0, -1));
  return pattern === ruleId;
}
