/** Machine-readable findings: `{"findings": [...], "summary": {...}}`, keys in a fixed order. */
import { countFindings } from '../core/findings.js';
import type { Finding } from '../core/types.js';
import { planToJson } from '../plan/json.js';
import { counts, isPlanReport, type Report } from './report.js';

export function findingsToJson(findings: Finding[], summary: { files: number; objects: number }) {
  const counts = countFindings(findings);
  return {
    findings: findings.map((f) => ({
      ruleId: f.ruleId,
      severity: f.severity,
      message: f.message,
      file: f.file,
      line: f.line,
      column: f.column,
      endLine: f.endLine,
      endColumn: f.endColumn,
      ...(f.object
        ? {
            object: {
              apiVersion: f.object.apiVersion,
              kind: f.object.kind,
              namespace: f.object.namespace,
              name: f.object.name,
            },
          }
        : {}),
    })),
    summary: {
      files: summary.files,
      objects: summary.objects,
      errors: counts.error,
      warnings: counts.warning,
      infos: counts.info,
    },
  };
}

/** The JSON renderer: lint → `{findings, summary}`; plan/check → the plan, changes, findings and their summary. */
export function renderJson(report: Report): string {
  const lintJson = findingsToJson(report.findings, counts(report));
  if (!isPlanReport(report)) return JSON.stringify(lintJson, null, 2) + '\n';
  const json = {
    ...(planToJson(report.plan) as Record<string, unknown>),
    ...(report.changes ? { changes: report.changes.changes, rollouts: report.changes.rollouts } : {}),
    findings: lintJson.findings,
    findingsSummary: lintJson.summary,
  };
  return JSON.stringify(json, null, 2) + '\n';
}
