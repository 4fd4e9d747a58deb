/** Machine-readable findings: `{"findings": [...], "summary": {...}}` (renderJson names the summary), keys in a fixed order. */
import { countFindings } from '../core/findings.js';
import type { Finding } from '../core/types.js';
import { planToJson } from '../plan/json.js';
import { boundReport } from './bound.js';
import { counts, isPlanReport, type Report } from './report.js';

export function findingsToJson(findings: Finding[], summary: { files: number; objects: number; skipped?: number }) {
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
      ...(summary.skipped ? { skipped: summary.skipped } : {}),
    },
  };
}

/** Documents a walk skipped (not Kubernetes objects, non-manifest files): `skipped` in the JSON, when there are any. */
function skippedJson(report: Report): { skipped?: Array<{ file: string; line: number; reason: string }> } {
  const skipped = 'skipped' in report ? report.skipped : undefined;
  if (!skipped || skipped.length === 0) return {};
  return { skipped: skipped.map((s) => ({ file: s.file, line: s.line, reason: s.reason })) };
}

/**
 * The JSON renderer. `lint` → `{findings, findingsSummary}`; `plan`/`check` → the plan (its pod counts are
 * `podsSummary`), `changes`/`rollouts` with from/base, `findings` and `findingsSummary`. The two summaries never share
 * a name. JSON Schemas of both shapes: schemas/output/ (test/output/json-schema.test.ts validates real output).
 *
 * Layout (docs/json-output.md): objects outside arrays have one member per line, arrays one element per line, and
 * each array element is on one line — a pod, a finding, a node is one line (greppable, and a third of the size of
 * two-space indentation all the way down). Produced in pieces (`renderJsonChunks`) so the CLI writes it as it goes
 * instead of holding it as one string; strings are bounded first (bound.ts).
 */
export function* renderJsonChunks(given: Report): Generator<string> {
  const { report } = boundReport(given);
  const lintJson = findingsToJson(report.findings, counts(report));
  if (!isPlanReport(report)) {
    yield* layout({ findings: lintJson.findings, findingsSummary: lintJson.summary, ...skippedJson(report) });
    return;
  }
  const planJson: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(planToJson(report.plan)))
    planJson[key === 'summary' ? 'podsSummary' : key] = value;
  yield* layout({
    ...planJson,
    ...(report.changes ? { changes: report.changes.changes, rollouts: report.changes.rollouts } : {}),
    findings: lintJson.findings,
    findingsSummary: lintJson.summary,
    ...skippedJson(report),
  });
}

export function renderJson(report: Report): string {
  return [...renderJsonChunks(report)].join('');
}

/** `value` as JSON in the layout above, a line (or less) per piece; the same data JSON.stringify would write. */
function* layout(value: unknown): Generator<string> {
  yield* block(value, '');
  yield '\n';
}

function* block(value: unknown, indent: string): Generator<string> {
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (value.length === 0) return yield '[]';
    yield '[\n';
    for (let i = 0; i < value.length; i++)
      yield `${inner}${JSON.stringify(value[i]) ?? 'null'}${i < value.length - 1 ? ',' : ''}\n`;
    return yield `${indent}]`;
  }
  if (value === null || typeof value !== 'object' || typeof (value as { toJSON?: unknown }).toJSON === 'function')
    return yield JSON.stringify(value);
  const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
  if (entries.length === 0) return yield '{}';
  yield '{\n';
  for (let i = 0; i < entries.length; i++) {
    const [key, v] = entries[i]!;
    yield `${inner}${JSON.stringify(key)}: `;
    yield* block(v, inner);
    yield i < entries.length - 1 ? ',\n' : '\n';
  }
  yield `${indent}}`;
}
