/** Human-readable findings report: grouped by file, one clickable `file:line:col` line each, with a short code frame. */
import { countFindings } from '../core/findings.js';
import type { Finding } from '../core/types.js';
import { renderPlanText } from '../plan/render.js';
import { renderChangesText } from '../rollout/render.js';
import { escapeControl } from '../core/escape.js';
import { boundReport, elisionNote } from './bound.js';
import { counts, isPlanReport, type Report, type RenderOptions } from './report.js';

export interface TextOptions {
  color: boolean;
  /** File texts, for code frames (absent files get no frame). */
  sources?: ReadonlyMap<string, string>;
  /** Show a code frame under each finding. */
  codeFrames?: boolean;
}

const CODES = { red: 31, yellow: 33, cyan: 36, gray: 90, bold: 1 } as const;
const MAX_FRAME_WIDTH = 160;

export function formatText(
  findings: Finding[],
  summary: { files: number; objects: number; skipped?: number },
  options: TextOptions,
): string {
  const paint = (code: keyof typeof CODES, s: string) => (options.color ? `\u001b[${CODES[code]}m${s}\u001b[0m` : s);
  const out: string[] = [];
  const lineCache = new Map<string, string[]>();
  let currentFile: string | undefined;
  for (const f of findings) {
    if (f.file !== currentFile) {
      if (currentFile !== undefined) out.push('');
      out.push(paint('bold', escapeControl(f.file)));
      currentFile = f.file;
    }
    const sev =
      f.severity === 'error'
        ? paint('red', 'error  ')
        : f.severity === 'warning'
          ? paint('yellow', 'warning')
          : paint('cyan', 'info   ');
    out.push(
      `${escapeControl(f.file)}:${f.line}:${f.column} ${sev}  ${escapeControl(f.message)}  ${paint('gray', f.ruleId)}`,
    );
    if (options.codeFrames !== false && options.sources?.has(f.file)) {
      let lines = lineCache.get(f.file);
      if (!lines) {
        lines = options.sources.get(f.file)!.split(/\r?\n/);
        lineCache.set(f.file, lines);
      }
      out.push(...codeFrame(lines, f, paint));
    }
  }
  const c = countFindings(findings);
  if (out.length > 0) out.push('');
  const total = c.error + c.warning + c.info;
  const tally = `${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} info`;
  const scope = `${summary.files} file${summary.files === 1 ? '' : 's'}, ${summary.objects} object${summary.objects === 1 ? '' : 's'}${
    summary.skipped ? `, ${summary.skipped} non-Kubernetes document${summary.skipped === 1 ? '' : 's'} skipped` : ''
  }`;
  out.push(
    total === 0
      ? paint('bold', `✔ no problems (${scope})`)
      : paint('bold', `✖ ${total} problem${total === 1 ? '' : 's'}: ${tally} (${scope})`),
  );
  return out.join('\n') + '\n';
}

function codeFrame(lines: string[], f: Finding, paint: (code: keyof typeof CODES, s: string) => string): string[] {
  const line = lines[f.line - 1];
  if (line === undefined) return [];
  const width = String(f.line).length;
  const text = escapeControl(line.length > MAX_FRAME_WIDTH ? line.slice(0, MAX_FRAME_WIDTH) + '…' : line);
  const start = Math.max(1, f.column);
  const end = f.endLine === f.line ? Math.max(start + 1, f.endColumn) : line.length + 1;
  const caretCount = Math.max(1, Math.min(end - start, MAX_FRAME_WIDTH - start + 1));
  if (start > MAX_FRAME_WIDTH) return [`  ${String(f.line).padStart(width)} | ${text}`];
  return [
    `  ${String(f.line).padStart(width)} | ${text}`,
    `  ${' '.repeat(width)} | ${' '.repeat(start - 1)}${paint('red', '^'.repeat(caretCount))}`,
  ];
}

/** The text renderer: findings grouped by file; for plan/check, the plan and changes too (check: findings first). */
export function renderText(given: Report, options: RenderOptions = {}): string {
  const { report, elided } = boundReport(given);
  const note = elided > 0 ? `\nNote: ${elisionNote(elided)}\n` : '';
  const color = options.color ?? false;
  // The config that applied is named first: a setting from it (exclude, rules: off) must never act unseen.
  const header = report.configFile ? `config: ${escapeControl(report.configFile)}\n` : '';
  return header + renderBody(report, color, note, options.verbose ?? false);
}

function renderBody(report: Report, color: boolean, note: string, verbose: boolean): string {
  let findings = formatText(report.findings, counts(report), { color, sources: report.sources });
  if (verbose) findings += skippedText(report);
  if (!isPlanReport(report)) return findings + note;
  let plan = renderPlanText(report.plan, { color });
  if (report.changes) plan += '\n' + renderChangesText(report.changes);
  // `check` gates a commit: why it fails comes first. `plan` is read for the plan; its findings follow it.
  return (report.kind === 'check' ? findings + '\n' + plan : plan + '\n' + findings) + note;
}

/** `--verbose`: each skipped document as `file:line  reason`, after the summary line. */
function skippedText(report: Report): string {
  const skipped = 'skipped' in report ? (report.skipped ?? []) : [];
  if (skipped.length === 0) return '';
  return `\nskipped:\n${skipped.map((s) => `  ${s.file}:${s.line}  ${s.reason}\n`).join('')}`;
}
