/**
 * The HTML report (`--format html`): one self-contained file a reviewer opens to see the plan — nodes grouped by
 * zone with their capacity and pods, the pods that found no node and why, the routes from Ingress to pods and, with
 * --from/--base, each rollout step by step. Inline CSS/SVG/JS only, no network, readable without JavaScript, the
 * same bytes for the same plan. Every name is pull-request content and is escaped (see html-escape.ts).
 */
import { countFindings } from '../core/findings.js';
import type { Finding } from '../core/types.js';
import type { PlanResult } from '../plan/result.js';
import type { ChangesResult } from '../rollout/index.js';
import { escapeHtml, jsonForScript } from './html-escape.js';
import { renderNodes, renderUnschedulable } from './html-nodes.js';
import { page } from './html-page.js';
import { renderRoutes } from './html-routes.js';
import { renderChanges } from './html-rollouts.js';
import { boundData, boundFindings, boundReport } from './bound.js';
import { isPlanReport, type Report } from './report.js';

export { CARD_LIMIT } from './html-nodes.js';

/** Findings listed one by one (the page stays small for a huge check). */
export const HTML_MAX_FINDINGS = 500;

export interface HtmlOptions {
  /** Page heading (default "kubeplan plan"). */
  title?: string;
  /** Findings to list (the CLI passes the whole report's; default: the plan's own). */
  findings?: Finding[];
}

function findingsSection(findings: Finding[]): string {
  if (findings.length === 0) return '<p class="ok">No findings.</p>';
  const c = countFindings(findings);
  const rows = findings
    .slice(0, HTML_MAX_FINDINGS)
    .map(
      (f) =>
        `<tr><td class="sev-${f.severity}">${f.severity}</td><td>${escapeHtml(f.ruleId)}</td>` +
        `<td>${escapeHtml(`${f.file}:${f.line}:${f.column}`)}</td><td>${escapeHtml(f.message)}</td></tr>`,
    );
  const more =
    findings.length > HTML_MAX_FINDINGS
      ? `<p class="muted">${findings.length - HTML_MAX_FINDINGS} more findings are not listed here.</p>`
      : '';
  return (
    `<details${c.error > 0 ? ' open' : ''}><summary>${c.error} errors, ${c.warning} warnings, ${c.info} info</summary>` +
    `<table><thead><tr><th>severity</th><th>rule</th><th>where</th><th>message</th></tr></thead><tbody>${rows.join('')}</tbody></table>${more}</details>`
  );
}

/** The whole page for a plan (and its change plan, with --from/--base). Pure and deterministic. */
export function renderPlanHtml(givenPlan: PlanResult, givenChanges?: ChangesResult, options: HtmlOptions = {}): string {
  const plan = boundData(givenPlan);
  const changes = givenChanges && boundData(givenChanges);
  const title = options.title ?? 'kubeplan plan';
  const { html: nodes, heat } = renderNodes(plan);
  const s = plan.summary;
  const body = [
    `<header><h1>${escapeHtml(title)}</h1><p class="muted">${escapeHtml(plan.cluster.description)}</p>`,
    `<p class="summary"><span><b>${plan.cluster.nodes.length}</b> nodes</span><span><b>${s.pods}</b> pods</span>` +
      `<span><b>${s.scheduled}</b> scheduled</span><span class="${s.unschedulable ? 'reason' : ''}"><b>${s.unschedulable}</b> unschedulable</span>` +
      (changes ? `<span><b>${changes.rollouts.length}</b> rollouts</span>` : '') +
      `</p></header>`,
    `<main>`,
    `<section id="nodes"><h2>Nodes</h2>${nodes || '<p>No nodes.</p>'}</section>`,
    `<section id="unschedulable"><h2>Unschedulable pods (${s.unschedulable})</h2>${renderUnschedulable(plan)}</section>`,
    `<section id="routes"><h2>Routes</h2>${renderRoutes(plan)}</section>`,
    changes ? `<section id="rollouts"><h2>Changes and rollouts</h2>${renderChanges(changes)}</section>` : '',
    `<section id="findings"><h2>Findings</h2>${findingsSection(boundFindings(options.findings ?? [...plan.findings, ...(changes?.findings ?? [])]))}</section>`,
    `</main>`,
    `<footer>kubeplan · seed ${escapeHtml(plan.settings.seed)} · now ${escapeHtml(plan.settings.now)} · hover or focus a pod for its details</footer>`,
  ].join('\n');
  return page(title, body, heat ? jsonForScript(heat) : null);
}

/** The `--format html` renderer: plan and check reports (a lint report has no plan to draw, only its findings). */
export function renderHtml(given: Report): string {
  const { report } = boundReport(given);
  if (isPlanReport(report))
    return renderPlanHtml(report.plan, report.changes, {
      title: `kubeplan ${report.kind}`,
      findings: report.findings,
    });
  return page(
    'kubeplan lint',
    `<header><h1>kubeplan lint</h1></header><main><section id="findings"><h2>Findings</h2>${findingsSection(report.findings)}</section></main>`,
    null,
  );
}
