/** Ordering, counting and severity handling of findings, shared by every output. */
import { compareStrings } from './compare.js';
import type { Finding, Severity } from './types.js';

export const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Stable order: file, line, column, ruleId, then message (so output never depends on rule order). */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareStrings(a.file, b.file) ||
    a.line - b.line ||
    a.column - b.column ||
    compareStrings(a.ruleId, b.ruleId) ||
    compareStrings(a.message, b.message) ||
    a.endLine - b.endLine ||
    a.endColumn - b.endColumn
  );
}

export function sortFindings(findings: Finding[]): Finding[] {
  return dedupe([...findings].sort(compareFindings));
}

function dedupe(sorted: Finding[]): Finding[] {
  return sorted.filter((f, i) => i === 0 || compareFindings(f, sorted[i - 1]!) !== 0);
}

export interface FindingCounts {
  error: number;
  warning: number;
  info: number;
}

export function countFindings(findings: Finding[]): FindingCounts {
  const counts: FindingCounts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

/** Applies user severity overrides ('off' removes the finding). */
export function applySeverities(
  findings: Finding[],
  severities: Readonly<Record<string, Severity | 'off'>> | undefined,
): Finding[] {
  if (!severities || Object.keys(severities).length === 0) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const override = severities[f.ruleId];
    if (override === 'off') continue;
    out.push(override ? { ...f, severity: override } : f);
  }
  return out;
}
