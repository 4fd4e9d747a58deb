/**
 * SARIF 2.1.0 for GitHub code scanning. GitHub accepts at most 25,000 results per run and shows far
 * fewer, so results are capped (errors first) with a final note saying how many were left out.
 * No timestamps, no absolute paths: the same input gives the same file.
 */
import { SEVERITY_RANK } from '../core/findings.js';
import { BUILTIN_CHECKS } from '../core/builtin-checks.js';
import type { Finding, Severity } from '../core/types.js';
import { version } from '../api/version.js';
import { allRules } from '../rules/registry.js';
import type { Report, RenderOptions } from './report.js';

export const SARIF_MAX_RESULTS = 5000;

export interface SarifRuleInfo {
  id: string;
  description: string;
  rationale?: string;
  severity: Severity;
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function findingsToSarif(findings: Finding[], rules: readonly SarifRuleInfo[], toolVersion: string) {
  const ranked = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const kept = ranked.slice(0, SARIF_MAX_RESULTS);
  const known = new Map(rules.map((r) => [r.id, r]));
  const usedIds = [...new Set(kept.map((f) => f.ruleId))].sort();
  const ruleIndex = new Map(usedIds.map((id, i) => [id, i]));
  const results = kept
    .sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column))
    .map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId)!,
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: encodeUri(f.file), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: f.line,
              startColumn: f.column,
              endLine: f.endLine,
              endColumn: Math.max(f.endColumn, f.endLine === f.line ? f.column + 1 : 1),
            },
          },
        },
      ],
    }));
  const dropped = findings.length - kept.length;
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubeplan',
            version: toolVersion,
            informationUri: 'https://github.com/kubeplan/kubeplan',
            rules: usedIds.map((id) => {
              const r = known.get(id);
              return {
                id,
                shortDescription: { text: r?.description ?? id },
                ...(r?.rationale ? { fullDescription: { text: r.rationale } } : {}),
                defaultConfiguration: { level: LEVEL[r?.severity ?? 'warning'] },
              };
            }),
          },
        },
        results,
        ...(dropped > 0
          ? {
              invocations: [
                {
                  executionSuccessful: true,
                  toolExecutionNotifications: [
                    {
                      level: 'note',
                      message: {
                        text: `${dropped} results truncated (SARIF output is capped at ${SARIF_MAX_RESULTS})`,
                      },
                    },
                  ],
                },
              ],
            }
          : {}),
      },
    ],
  };
}

/** Relative file paths as URI references: spaces, '%', '#', '?' and control characters encoded. */
function encodeUri(file: string): string {
  return file
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

/** The sarif renderer: a SARIF 2.1.0 log of the report's findings, with kubeplan's rule table. */
export function renderSarif(report: Report, options: RenderOptions = {}): string {
  return (
    JSON.stringify(findingsToSarif(report.findings, ruleInfos(), options.toolVersion ?? version()), null, 2) + '\n'
  );
}

/** Rule metadata for SARIF's rule table. */
export function ruleInfos(): SarifRuleInfo[] {
  return [
    ...allRules.map((r) => ({ id: r.id, description: r.description, rationale: r.rationale, severity: r.severity })),
    ...BUILTIN_CHECKS.map((c) => ({ id: c.id, description: c.description, severity: c.severity })),
  ];
}
