/**
 * Gives each fixable finding its fix. A fixer sees the finding, its file's text and the node under it; whatever a
 * fixer cannot be sure of, it leaves without a fix — and a fixer that throws only costs that finding its fix.
 */
import type { Finding, Manifest } from '../core/types.js';
import { FIXERS } from './fixers/index.js';
import { FixSource } from './source.js';

export function attachFixes(
  findings: readonly Finding[],
  manifests: readonly Manifest[],
  sources: ReadonlyMap<string, string>,
): Finding[] {
  const files = new Map<
    string,
    { source: FixSource; objects: Array<{ manifest: Manifest; start: number; end: number }> }
  >();
  const fileOf = (name: string) => {
    let entry = files.get(name);
    if (entry) return entry;
    const text = sources.get(name);
    if (text === undefined) return undefined;
    const source = new FixSource(text);
    const objects = [];
    for (const manifest of manifests) {
      if (manifest.file !== name) continue;
      const r = manifest.locate([]);
      const start = source.offsetAt(r.line, r.column);
      const end = source.offsetAt(r.endLine, r.endColumn) ?? text.length;
      if (start !== undefined) objects.push({ manifest, start, end });
    }
    entry = { source, objects };
    files.set(name, entry);
    return entry;
  };
  return findings.map((finding) => {
    const fixer = FIXERS[finding.ruleId]?.fixer;
    if (!fixer) return finding;
    const file = fileOf(finding.file);
    if (!file) return finding;
    const offset = file.source.offsetAt(finding.line, finding.column);
    if (offset === undefined) return finding;
    try {
      const at = file.source.nodeAt(offset);
      if (!at) return finding;
      // The innermost object around the finding (a List item rather than the List).
      const candidates = file.objects.filter((o) => o.start <= offset && offset < o.end);
      const manifest = candidates.sort((a, b) => b.start - a.start)[0]?.manifest;
      const fix = fixer({ finding, source: file.source, offset, at, ...(manifest ? { manifest } : {}) });
      return fix && fix.edits.length > 0 && !selfOverlapping(fix.edits) ? { ...finding, fix } : finding;
    } catch {
      return finding; // a fixer bug must never cost the lint run
    }
  });
}

function selfOverlapping(edits: ReadonlyArray<{ start: number; end: number }>): boolean {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  return sorted.some((e, i) => i > 0 && conflicts(sorted[i - 1]!, e));
}

/** Two edits conflict when they overlap, or when both touch the same point and one is an insertion there. */
export function conflicts(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  if (a.start < b.end && b.start < a.end) return true;
  return a.start === b.start && (a.start === a.end || b.start === b.end);
}
