/** Machine-readable findings: `{"findings": [...], "summary": {...}}` (renderJson names the summary), keys in a fixed order. */
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

/**
 * The JSON renderer. `lint` → `{findings, findingsSummary}`; `plan`/`check` → the plan (its pod counts are
 * `podsSummary`), `changes`/`rollouts` with from/base, `findings` and `findingsSummary`. The two summaries never share
 * a name. JSON Schemas of both shapes: schemas/output/ (test/output/json-schema.test.ts validates real output).
 */
export function renderJson(report: Report): string {
  const lintJson = findingsToJson(report.findings, counts(report));
  if (!isPlanReport(report)) {
    return JSON.stringify({ findings: lintJson.findings, findingsSummary: lintJson.summary }, null, 2) + '\n';
  }
  const planJson: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(planToJson(report.plan)))
    planJson[key === 'summary' ? 'podsSummary' : key] = value;
  const json = {
    ...planJson,
    ...(report.changes ? { changes: report.changes.changes, rollouts: report.changes.rollouts } : {}),
    findings: lintJson.findings,
    findingsSummary: lintJson.summary,
  };
  return JSON.stringify(json, null, 2) + '\n';
}
