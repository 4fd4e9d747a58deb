/** Findings as LSP diagnostics: the rule id as `code`, its page as `codeDescription.href`. */
import type { Finding, SourceRange } from '../core/types.js';
import { ruleDocUrl } from '../docs/rule-pages.js';

const SEVERITY = { error: 1, warning: 2, info: 3 } as const;

export interface Range {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

/** 1-based lines/columns (UTF-16 columns, as the loader counts) → LSP's 0-based positions. */
export function toRange(r: SourceRange): Range {
  return {
    start: { line: r.line - 1, character: r.column - 1 },
    end: { line: r.endLine - 1, character: r.endColumn - 1 },
  };
}

export function toDiagnostic(f: Finding) {
  return {
    range: toRange(f),
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocUrl(f.ruleId) },
    source: 'kubeplan',
    message: f.message,
  };
}
