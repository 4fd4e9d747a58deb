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
import type { Finding, Manifest, ObjectRef } from '../core/types.js';
import { isObj } from '../core/values.js';

export const IGNORE_ANNOTATION = 'kubeplan.dev/ignore';
export const IGNORE_REASON_ANNOTATION = 'kubeplan.dev/ignore-reason';

export function applySuppressions(
  findings: Finding[],
  sources: ReadonlyMap<string, string>,
  manifests: Manifest[],
): Finding[] {
  const objects = objectSuppressions(manifests);
  const directives = new Map<string, Directive[]>();
  const directivesOf = (file: string): Directive[] => {
    let list = directives.get(file);
    if (!list) directives.set(file, (list = parseDirectives(sources.get(file) ?? '')));
    return list;
  };
  return findings.filter((f) => !objects.some((o) => o.covers(f)) && !suppressedByComments(f, directivesOf(f.file)));
}

// ─── Object annotations ────────────────────────────────────────────────────────────────────────

interface ObjectSuppression {
  covers(finding: Finding): boolean;
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
    out.push({
      covers: (f) =>
        ids.some((id) => idMatches(id, f.ruleId)) &&
        ((f.file === manifest.file && f.line >= range.line && f.line <= range.endLine) ||
          (f.object !== undefined && sameObject(f.object, manifest.ref))),
    });
  }
  return out;
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

interface Directive {
  kind: DirectiveKind;
  /** 1-based line of the comment. */
  line: number;
  /** Rule ids; empty means every rule. */
  ids: string[];
}

const DIRECTIVE = /^\s*#\s*kubeplan-(disable-next-line|disable|enable)(?=\s|$)(.*)$/;

export function parseDirectives(text: string): Directive[] {
  const out: Directive[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const match = DIRECTIVE.exec(lines[i]!);
    if (!match) continue;
    const rest = match[2]!.split(/\s--\s|\s--$/)[0]!;
    out.push({ kind: match[1] as DirectiveKind, line: i + 1, ids: splitIds(rest) });
  }
  return out;
}

function suppressedByComments(finding: Finding, directives: readonly Directive[]): boolean {
  if (directives.length === 0) return false;
  // Replays disable/enable in source order up to the finding's line, ESLint-style: after a bare
  // `disable`, `enable rule-a` re-enables just that rule.
  let all = false;
  const disabled = new Set<string>();
  const reEnabled = new Set<string>();
  for (const d of directives) {
    if (d.line >= finding.line) break;
    if (d.kind === 'disable-next-line') {
      if (d.line === finding.line - 1 && (d.ids.length === 0 || d.ids.some((id) => idMatches(id, finding.ruleId))))
        return true;
    } else if (d.ids.length === 0) {
      all = d.kind === 'disable';
      disabled.clear();
      reEnabled.clear();
    } else {
      for (const id of d.ids) {
        if (d.kind === 'disable') all ? reEnabled.delete(id) : disabled.add(id);
        else all ? reEnabled.add(id) : disabled.delete(id);
      }
    }
  }
  if (all) return ![...reEnabled].some((id) => idMatches(id, finding.ruleId));
  return [...disabled].some((id) => idMatches(id, finding.ruleId));
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
