/**
 * `textDocument/codeAction`: a finding's fix (src/fix) as a quick fix, and "disable this rule" for the line
 * (`# kubeplan-disable-next-line ID` above it) or for the object (the `kubeplan.dev/ignore` annotation).
 * Only findings of the document version the client sees are offered (edits of an older text would land wrong).
 */
import type { Finding, Manifest } from '../core/types.js';
import { toDiagnostic, toRange, type Range } from './diagnostics.js';

const IGNORE_ANNOTATION = 'kubeplan.dev/ignore';

interface TextEdit {
  range: Range;
  newText: string;
}

export interface CodeAction {
  title: string;
  kind: 'quickfix';
  diagnostics: ReturnType<typeof toDiagnostic>[];
  isPreferred?: boolean;
  edit: { changes: Record<string, TextEdit[]> };
}

export function codeActions(
  uri: string,
  text: string,
  findings: readonly Finding[],
  manifests: readonly Manifest[],
  range: Range,
): CodeAction[] {
  const actions: CodeAction[] = [];
  const lines = text.split('\n');
  for (const f of findings) {
    const r = toRange(f);
    if (r.end.line < range.start.line || r.start.line > range.end.line) continue;
    const diagnostics = [toDiagnostic(f)];
    if (f.fix) {
      actions.push({
        title: f.fix.title,
        kind: 'quickfix',
        diagnostics,
        isPreferred: true,
        edit: { changes: { [uri]: f.fix.edits.map((e) => ({ range: toRange(e), newText: e.newText })) } },
      });
    }
    const line = lines[f.line - 1];
    if (line !== undefined) {
      const indent = /^[ \t]*/.exec(line)![0];
      const at = { line: f.line - 1, character: 0 };
      actions.push({
        title: `Disable ${f.ruleId} for this line`,
        kind: 'quickfix',
        diagnostics,
        edit: {
          changes: {
            [uri]: [{ range: { start: at, end: at }, newText: `${indent}# kubeplan-disable-next-line ${f.ruleId}\n` }],
          },
        },
      });
    }
    const objectEdit = ignoreAnnotationEdit(f, manifests, lines);
    if (objectEdit) {
      actions.push({
        title: `Disable ${f.ruleId} for this object`,
        kind: 'quickfix',
        diagnostics,
        edit: { changes: { [uri]: [objectEdit] } },
      });
    }
  }
  return actions;
}

/** Adds `kubeplan.dev/ignore: "ID"` to the object's block-style metadata (none offered for flow style or JSON). */
function ignoreAnnotationEdit(f: Finding, manifests: readonly Manifest[], lines: string[]): TextEdit | undefined {
  const manifest = manifests.find((m) => {
    const r = m.locate([], 'value');
    return r.line <= f.line && f.line <= r.endLine;
  });
  if (!manifest) return undefined;
  const metadata = manifest.object.metadata as Record<string, unknown> | undefined;
  if (!metadata || typeof metadata !== 'object' || Array.isArray(metadata)) return undefined;
  const annotations = metadata.annotations as Record<string, unknown> | undefined;
  if (annotations && typeof annotations === 'object' && IGNORE_ANNOTATION in annotations) return undefined;
  const blockChild = (path: (string | number)[], parentLine: number) => {
    const r = manifest.locate(path, 'key');
    const line = lines[r.line - 1] ?? '';
    // Block style: the child key starts its own line, after the parent's line.
    if (r.line <= parentLine || line.slice(0, r.column - 1).trim() !== '') return undefined;
    return { line: r.line - 1, indent: line.slice(0, r.column - 1) };
  };
  const metadataLine = manifest.locate(['metadata'], 'key').line;
  const value = JSON.stringify(f.ruleId);
  if (annotations && typeof annotations === 'object' && !Array.isArray(annotations)) {
    const first = Object.keys(annotations)[0];
    if (first === undefined) return undefined;
    const annotationsLine = manifest.locate(['metadata', 'annotations'], 'key').line;
    const child = blockChild(['metadata', 'annotations', first], annotationsLine);
    if (!child) return undefined;
    const at = { line: child.line, character: 0 };
    return { range: { start: at, end: at }, newText: `${child.indent}${IGNORE_ANNOTATION}: ${value}\n` };
  }
  if (annotations !== undefined) return undefined;
  const first = Object.keys(metadata)[0];
  if (first === undefined) return undefined;
  const child = blockChild(['metadata', first], metadataLine);
  if (!child) return undefined;
  const at = { line: child.line, character: 0 };
  return {
    range: { start: at, end: at },
    newText: `${child.indent}annotations:\n${child.indent}  ${IGNORE_ANNOTATION}: ${value}\n`,
  };
}
