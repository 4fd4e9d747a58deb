/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`), which show as annotations on the
 * pull request. GitHub shows only a limited number per step, so errors come first and the rest are
 * summarised. Values are escaped as the runner requires (%, CR, LF; and ',' ':' in properties).
 */
import { SEVERITY_RANK } from '../core/findings.js';
import type { Finding } from '../core/types.js';
import { boundReport } from './bound.js';
import type { Report } from './report.js';

export const GITHUB_MAX_ANNOTATIONS = 50;

const COMMAND = { error: 'error', warning: 'warning', info: 'notice' } as const;

export function findingsToGithub(findings: Finding[], max = GITHUB_MAX_ANNOTATIONS): string {
  const ranked = [...findings].sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity]);
  const lines = ranked.slice(0, max).map((f) => {
    const props = [
      `file=${escapeProperty(f.file)}`,
      `line=${f.line}`,
      `col=${f.column}`,
      `endLine=${f.endLine}`,
      `endColumn=${f.endColumn}`,
      `title=${escapeProperty(`kubeplan ${f.ruleId}`)}`,
    ].join(',');
    return `::${COMMAND[f.severity]} ${props}::${escapeData(f.message)}`;
  });
  if (ranked.length > max)
    lines.push(
      `::notice::${ranked.length - max} more findings not shown as annotations; see the job log or SARIF report`,
    );
  return lines.length ? lines.join('\n') + '\n' : '';
}

export function escapeData(s: string): string {
  return s
    .replace(/%/g, '%25')
    .replace(/\r/g, '%0D')
    .replace(/\n/g, '%0A')
    .replace(/\u001b/g, '\\u001b');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** The github renderer: workflow-command annotations for the report's findings. */
export function renderGithub(report: Report): string {
  return findingsToGithub(boundReport(report).report.findings);
}
