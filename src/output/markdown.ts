/**
 * The Markdown report (`--format markdown`, and the GitHub Action's job summary): something a reviewer reads in ten
 * seconds. The verdict and counts first; findings grouped by rule, then the most important ones with file:line
 * links; then the plan (workloads, nodes, unschedulable pods with the scheduler's reason) and the changes with each
 * rollout's steps, the long parts folded in <details>. Text from manifests is escaped (it is pull-request content),
 * and the whole stays under a byte budget (GitHub's 1 MiB step-summary limit): past it, rows are cut with a note.
 */
import { countFindings, SEVERITY_RANK } from '../core/findings.js';
import { compareStrings } from '../core/compare.js';
import type { Finding, Severity } from '../core/types.js';
import { ruleDocUrl } from '../docs/rule-pages.js';
import type { PlanResult } from '../plan/index.js';
import type { ChangesResult } from '../rollout/index.js';
import { escapeControl } from '../core/escape.js';
import { boundReport, elisionNote } from './bound.js';
import { isPlanReport, type Report } from './report.js';

/** GitHub refuses a step summary over 1 MiB; the default budget leaves room for what a caller appends. */
export const MARKDOWN_MAX_BYTES = 1_000_000;
/** Findings listed one by one (the rest are counted in the by-rule table). */
export const MARKDOWN_TOP_FINDINGS = 20;

export interface MarkdownOptions {
  /** Heading, e.g. "kubeplan check" (default "kubeplan"). */
  title?: string;
  /** Prefix of file links: `${linkBase}${path}#L${line}` (e.g. https://github.com/o/r/blob/<sha>/). None: plain text. */
  linkBase?: string;
  /** Lines shown under the verdict (the Action says how many findings were not annotated). */
  notes?: string[];
  /** Byte budget of the whole text (default MARKDOWN_MAX_BYTES). */
  maxBytes?: number;
}

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/** Table-cell and inline text from manifests: no HTML, no Markdown syntax, no line breaks, no control characters. */
export function escapeMarkdown(text: string): string {
  return escapeControl(text)
    .replace(/\\u000a/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~!])/g, '\\$1')
    .replace(/(https?):\/\//gi, '$1:&#47;&#47;'); // no autolinks out of pull-request text
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Lines under a byte budget; once a line does not fit, everything after is dropped and `cut` says so. */
class Writer {
  private readonly lines: string[] = [];
  private bytes = 0;
  private openDetails = 0;
  cut = false;
  constructor(private readonly budget: number) {}

  /** Adds a line if it fits (keeping room to close what is open and say where the cut is). */
  line(text: string): boolean {
    if (this.cut) return false;
    const size = Buffer.byteLength(text) + 1;
    if (this.bytes + size > this.budget - 400) {
      this.cut = true;
      return false;
    }
    this.lines.push(text);
    this.bytes += size;
    return true;
  }

  open(summary: string, expanded = false): void {
    if (this.line(`<details${expanded ? ' open' : ''}><summary>${summary}</summary>`)) {
      this.openDetails++;
      this.line('');
    }
  }

  close(): void {
    if (this.cut || this.openDetails === 0) return;
    this.line('');
    this.line('</details>');
    this.openDetails--;
    this.line('');
  }

  text(): string {
    const out = [...this.lines];
    if (this.cut) {
      out.push('', '_… cut here: the summary is limited to 1 MiB. Everything is in the job log and the SARIF file._');
      for (; this.openDetails > 0; this.openDetails--) out.push('', '</details>');
    }
    return out.join('\n') + '\n';
  }
}

function location(f: Pick<Finding, 'file' | 'line'>, linkBase: string | undefined): string {
  const label = escapeMarkdown(`${f.file}:${f.line}`);
  if (linkBase === undefined || f.file.startsWith('<')) return label;
  const href = linkBase + f.file.split('/').map(encodeURIComponent).join('/') + `#L${f.line}`;
  return `[${label}](${href})`;
}

/** Findings, most important first: severity, then rules in the by-rule table's order, then file and line. */
function ranked(findings: Finding[]): { byRule: Array<{ id: string; severity: Severity; findings: Finding[] }> } {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    const key = `${f.ruleId}\u0000${f.severity}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const byRule = [...groups.values()]
    .map((list) => ({ id: list[0]!.ruleId, severity: list[0]!.severity, findings: list }))
    .sort(
      (a, b) =>
        SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
        b.findings.length - a.findings.length ||
        compareStrings(a.id, b.id),
    );
  return { byRule };
}

export function markdownReport(given: Report, options: MarkdownOptions = {}): string {
  const { report, elided } = boundReport(given);
  const w = new Writer(options.maxBytes ?? MARKDOWN_MAX_BYTES);
  const plan = isPlanReport(report) ? report.plan : undefined;
  const changes = isPlanReport(report) ? report.changes : undefined;
  const counts = countFindings(report.findings);
  const title = options.title ?? 'kubeplan';

  // 1. Verdict and counts.
  w.line(`## ${escapeMarkdown(title)}`);
  w.line('');
  if (elided > 0) {
    w.line(`_Note: ${escapeMarkdown(elisionNote(elided))}_`);
    w.line('');
  }
  w.line(
    counts.error > 0
      ? `❌ **${plural(counts.error, 'error')}** in ${plural(new Set(report.findings.filter((f) => f.severity === 'error').map((f) => f.file)).size, 'file')}`
      : '✅ **No errors**',
  );
  w.line('');
  const facts = [
    `${plural(counts.error, 'error')} · ${plural(counts.warning, 'warning')} · ${counts.info} info`,
    `${plural(report.files.length, 'file')}, ${plural(report.manifests.length, 'object')} read`,
  ];
  if (plan) {
    const s = plan.summary;
    facts.push(
      `${plural(s.pods, 'pod')} planned: ${s.scheduled} scheduled, ${s.unschedulable > 0 ? `**${s.unschedulable} unschedulable**` : '0 unschedulable'}`,
    );
  }
  if (changes)
    facts.push(`${plural(changes.changes.length, 'changed object')}, ${plural(changes.rollouts.length, 'rollout')}`);
  for (const fact of facts) w.line(`- ${fact}`);
  for (const note of options.notes ?? []) w.line(`- ${note}`);
  w.line('');

  // 2. Findings by rule, then the top ones.
  const { byRule } = ranked(report.findings);
  if (byRule.length > 0) {
    w.line('### Findings by rule');
    w.line('');
    w.line('| | Rule | Findings | Files |');
    w.line('|---|---|--:|--:|');
    for (const group of byRule) {
      const files = new Set(group.findings.map((f) => f.file)).size;
      w.line(
        `| ${ICON[group.severity]} | [${group.id}](${ruleDocUrl(group.id)}) | ${group.findings.length} | ${files} |`,
      );
    }
    w.line('');
    const top = byRule.flatMap((g) => g.findings).slice(0, MARKDOWN_TOP_FINDINGS);
    w.line(
      report.findings.length > top.length
        ? `### Top ${top.length} of ${report.findings.length} findings`
        : `### ${plural(top.length, 'finding')}`,
    );
    w.line('');
    w.line('| | Where | Rule | Message |');
    w.line('|---|---|---|---|');
    for (const f of top)
      w.line(
        `| ${ICON[f.severity]} | ${location(f, options.linkBase)} | \`${f.ruleId}\` | ${escapeMarkdown(f.message)} |`,
      );
    w.line('');
  }

  // 3. The plan.
  if (plan) planSection(w, plan);
  // 4. Changes and rollouts.
  if (changes && (changes.changes.length > 0 || changes.rollouts.length > 0)) changesSection(w, changes);
  return w.text();
}

function planSection(w: Writer, plan: PlanResult): void {
  const pending = plan.pods.filter((p) => p.node === null);
  if (pending.length > 0) {
    w.open(`<b>${plural(pending.length, 'unschedulable pod')}</b>`, true);
    w.line('| Pod | Why (scheduler) |');
    w.line('|---|---|');
    for (const p of pending)
      w.line(`| ${escapeMarkdown(`${p.namespace}/${p.name}`)} | ${escapeMarkdown(p.reason ?? 'not scheduled')} |`);
    w.close();
  }
  const nodes = plan.cluster.nodes;
  w.open(
    `Plan: ${plural(plan.summary.pods, 'pod')} of ${plural(plan.workloads.length, 'workload')} on ${plural(nodes.length, 'node')}`,
  );
  w.line(`Cluster: ${escapeMarkdown(plan.cluster.description)}`);
  w.line('');
  if (plan.workloads.length > 0) {
    const nodeOf = new Map(plan.pods.map((p) => [`${p.namespace}/${p.name}`, p.node]));
    w.line('| Workload | Replicas | Pods per node |');
    w.line('|---|--:|---|');
    for (const wl of plan.workloads) {
      const perNode = new Map<string, number>();
      for (const pod of wl.pods) {
        const node = nodeOf.get(`${wl.namespace}/${pod}`) ?? null;
        const key = node ?? 'unschedulable';
        perNode.set(key, (perNode.get(key) ?? 0) + 1);
      }
      const where = [...perNode].map(([node, n]) => `${escapeMarkdown(node)} ×${n}`).join(', ');
      w.line(`| ${escapeMarkdown(`${wl.kind} ${wl.namespace}/${wl.name}`)} | ${wl.replicas} | ${where || '—'} |`);
    }
    w.line('');
  }
  w.line('| Node | Zone | Pods | CPU | Memory |');
  w.line('|---|---|--:|--:|--:|');
  for (const n of nodes) {
    const used = (r: string) => `${n.requested[r] ?? '0'}/${n.allocatable[r] ?? '0'}`;
    w.line(
      `| ${escapeMarkdown(n.name)} | ${escapeMarkdown(n.zone ?? '—')} | ${used('pods')} | ${used('cpu')} | ${used('memory')} |`,
    );
  }
  w.line('');
  w.line('_requested/allocatable_');
  w.close();
}

function changesSection(w: Writer, changes: ChangesResult): void {
  w.open(`Changes: ${plural(changes.changes.length, 'object')}, ${plural(changes.rollouts.length, 'rollout')}`);
  if (changes.changes.length > 0) {
    w.line('| Object | Change |');
    w.line('|---|---|');
    for (const c of changes.changes)
      w.line(`| ${escapeMarkdown(`${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`)} | ${c.change} |`);
    w.line('');
  }
  for (const r of changes.rollouts) {
    w.line(
      `#### ${escapeMarkdown(`${r.kind} ${r.namespace}/${r.name}`)}: ${escapeMarkdown(r.strategy)}, ${r.replicas.old} → ${r.replicas.new} replicas`,
    );
    w.line('');
    w.line(
      `Peak ${plural(r.peakPods, 'pod')}, at least ${r.minAvailable} available${r.stalled ? ` — **stalls**: ${escapeMarkdown(r.stalled)}` : ''}${r.note ? ` — ${escapeMarkdown(r.note)}` : ''}`,
    );
    w.line('');
    w.line('| Step | What | Old | New | Available |');
    w.line('|--:|---|--:|--:|--:|');
    for (const e of r.events)
      w.line(`| ${e.wave} | ${escapeMarkdown(e.message)} | ${e.old} | ${e.new} | ${e.available} |`);
    w.line('');
  }
  w.close();
}

/** The markdown renderer (`--format markdown`). */
export function renderMarkdown(report: Report): string {
  return markdownReport(report);
}
