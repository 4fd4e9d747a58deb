/** The routes of the HTML report: Ingress host/path → Service:port → the pods behind it, then every Service's endpoints. */
import type { PlanResult } from '../plan/result.js';
import { escapeHtml } from './html-escape.js';

function podList(pods: string[]): string {
  if (pods.length === 0) return '<span class="warn">no pods</span>';
  return pods.map((p) => `<span class="ep">${escapeHtml(p)}</span>`).join(' ');
}

export function renderRoutes(plan: PlanResult): string {
  const rows: string[] = [];
  for (const ing of plan.ingresses)
    for (const r of ing.routes) {
      const backend = r.service === null ? '(no Service backend)' : `${r.service}:${r.port ?? '?'}`;
      rows.push(
        `<tr><td>${escapeHtml(`Ingress ${ing.namespace}/${ing.name}`)}</td>` +
          `<td>${escapeHtml(`${r.host || '*'}${r.path || '/'}`)} <small>${escapeHtml(r.pathType)}</small></td>` +
          `<td>${escapeHtml(backend)}</td><td>${podList(r.pods)}</td></tr>`,
      );
    }
  for (const s of plan.services) {
    const ports = s.ports.map((p) => `${p.port}→${p.targetPort}/${p.protocol}`).join(', ');
    const what = `${s.type}${s.headless ? ', headless' : ''}`;
    const pods = [...new Set(s.endpoints.map((e) => e.pod))];
    rows.push(
      `<tr><td>${escapeHtml(`Service ${s.namespace}/${s.name}`)} <small>${escapeHtml(what)}</small></td><td></td>` +
        `<td>${escapeHtml(`${s.name}:${ports || '(no ports)'}`)}</td>` +
        `<td>${s.selector === null ? '<small>no selector (endpoints managed elsewhere)</small>' : podList(pods)}</td></tr>`,
    );
  }
  if (rows.length === 0) return '<p>No Services or Ingresses.</p>';
  return `<table class="routes"><thead><tr><th>object</th><th>host/path</th><th>Service:port</th><th>pods</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
