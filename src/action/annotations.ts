/**
 * Annotations: GitHub shows at most 10 error and 10 warning annotations per step (50 per job) and drops the rest
 * silently. So kubeplan chooses: errors before warnings, findings in files the pull request changes before others,
 * then file and line; it emits no more than GitHub shows and says exactly how many findings were not annotated.
 */
import { compareFindings } from '../core/findings.js';
import type { Finding } from '../core/types.js';
import { escapeData, escapeProperty } from '../output/github.js';

export const MAX_ANNOTATIONS = { error: 10, warning: 10 } as const;

export interface AnnotationPlan {
  shown: Finding[];
  /** Findings not annotated (over the limits, info, or outside the changed files with only-changed). */
  notShown: number;
}

export function selectAnnotations(
  findings: Finding[],
  options: { changed?: Set<string>; onlyChanged?: boolean } = {},
): AnnotationPlan {
  const { changed, onlyChanged = false } = options;
  const inChanged = (f: Finding) => (changed ? changed.has(f.file) : true);
  const eligible = findings.filter((f) => f.severity !== 'info' && (!onlyChanged || !changed || inChanged(f)));
  const order = [...eligible].sort(
    (a, b) =>
      (a.severity === 'error' ? 0 : 1) - (b.severity === 'error' ? 0 : 1) ||
      Number(!inChanged(a)) - Number(!inChanged(b)) ||
      compareFindings(a, b),
  );
  const shown: Finding[] = [];
  const used = { error: 0, warning: 0 };
  for (const f of order) {
    const severity = f.severity as 'error' | 'warning';
    if (used[severity] < MAX_ANNOTATIONS[severity]) {
      used[severity]++;
      shown.push(f);
    }
  }
  return { shown, notShown: findings.length - shown.length };
}

export function annotationCommand(f: Finding): string {
  const props = [
    `file=${escapeProperty(f.file)}`,
    `line=${f.line}`,
    `endLine=${f.endLine}`,
    // GitHub ignores columns on multi-line annotations; give them only for one-line ranges.
    ...(f.endLine === f.line ? [`col=${f.column}`, `endColumn=${f.endColumn}`] : []),
    `title=${escapeProperty(`kubeplan ${f.ruleId}`)}`,
  ].join(',');
  return `::${f.severity} ${props}::${escapeData(f.message)}`;
}
