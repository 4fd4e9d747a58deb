/**
 * SARIF 2.1.0 for GitHub code scanning. GitHub accepts at most 25,000 results per run, so results are capped
 * (errors first) with a final note saying how many were left out. Every rule has its page as helpUri and
 * `properties.tags` (its category; security rules also "security" and a `security-severity`, which GitHub uses
 * to rank alerts); every result has a `partialFingerprints` entry that survives lines moving, so an alert
 * stays the same alert across commits. No timestamps, no absolute paths: the same input gives the same file.
 */
import { createRequire } from 'node:module';
import { SEVERITY_RANK } from '../core/findings.js';
import { BUILTIN_CHECKS } from '../core/builtin-checks.js';
import type { Finding, Severity } from '../core/types.js';
import { version } from '../api/version.js';
import { ruleDocUrl } from '../docs/rule-pages.js';
import { allRules } from '../rules/registry.js';
import { boundReport } from './bound.js';
import type { Report, RenderOptions } from './report.js';

// node:crypto is loaded only when SARIF is written: loading it costs every start ~3 ms.
const require = createRequire(import.meta.url);

/** GitHub code scanning's limit per run (results beyond it are rejected, not shown). */
export const SARIF_MAX_RESULTS = 25_000;

export interface SarifRuleInfo {
  id: string;
  description: string;
  rationale?: string;
  severity: Severity;
  /** Rule category (`security`, `reliability`, … or a built-in check's `schema`, `plan`, …). */
  category?: string;
}

/**
 * GitHub's security-severity scale (0–10: ≥9 critical, 7–8.9 high, 4–6.9 medium, <4 low) for security rules, from
 * the rule's default severity: an error is a setting the cluster (Pod Security "restricted") or a runtime would
 * refuse or that hands out node access; a warning weakens isolation; info is hardening advice.
 */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/** The fingerprint key kubeplan puts in partialFingerprints (versioned: a new scheme would be a new key). */
export const FINGERPRINT_KEY = 'kubeplanFinding/v1';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function findingsToSarif(findings: Finding[], rules: readonly SarifRuleInfo[], toolVersion: string) {
  const ranked = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const kept = ranked.slice(0, SARIF_MAX_RESULTS);
  const known = new Map(rules.map((r) => [r.id, r]));
  const usedIds = [...new Set(kept.map((f) => f.ruleId))].sort();
  const ruleIndex = new Map(usedIds.map((id, i) => [id, i]));
  const sorted = kept.sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column,
  );
  const fingerprints = fingerprintsOf(sorted);
  const results = sorted.map((f, i) => ({
    ruleId: f.ruleId,
    ruleIndex: ruleIndex.get(f.ruleId)!,
    level: LEVEL[f.severity],
    message: { text: f.message },
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprints[i]! },
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
              const security = r?.category === 'security';
              return {
                id,
                shortDescription: { text: r?.description ?? id },
                ...(r?.rationale ? { fullDescription: { text: r.rationale } } : {}),
                helpUri: ruleDocUrl(id),
                help: {
                  text: `${r?.rationale ?? r?.description ?? id} See ${ruleDocUrl(id)}`,
                  markdown: `${r?.rationale ?? r?.description ?? id} [Documentation](${ruleDocUrl(id)})`,
                },
                defaultConfiguration: { level: LEVEL[r?.severity ?? 'warning'] },
                properties: {
                  tags: ['kubernetes', ...(r?.category ? [r.category] : [])],
                  ...(security ? { 'security-severity': SECURITY_SEVERITY[r.severity] } : {}),
                },
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

/**
 * A stable identity per result: rule, file, object (kind/namespace/name) and message — not the line, so an alert
 * survives lines being added above it — plus an occurrence number for identical findings in one file.
 */
function fingerprintsOf(findings: Finding[]): string[] {
  const seen = new Map<string, number>();
  return findings.map((f) => {
    const o = f.object ?? {};
    const key = [f.ruleId, f.file, o.kind ?? '', o.namespace ?? '', o.name ?? '', f.message].join('\u0000');
    const n = (seen.get(key) ?? 0) + 1;
    seen.set(key, n);
    const { createHash } = require('node:crypto') as typeof import('node:crypto');
    return createHash('sha256').update(`${key}\u0000${n}`).digest('hex').slice(0, 32);
  });
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
    JSON.stringify(
      findingsToSarif(boundReport(report).report.findings, ruleInfos(), options.toolVersion ?? version()),
      null,
      2,
    ) + '\n'
  );
}

/** Rule metadata for SARIF's rule table. */
export function ruleInfos(): SarifRuleInfo[] {
  return [
    ...allRules.map((r) => ({
      id: r.id,
      description: r.description,
      rationale: r.rationale,
      severity: r.severity,
      category: r.category,
    })),
    ...BUILTIN_CHECKS.map((c) => ({
      id: c.id,
      description: c.description,
      severity: c.severity,
      category: c.category,
    })),
  ];
}
