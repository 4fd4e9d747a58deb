/**
 * The nodes of the HTML report: per zone, a card per node with CPU / memory / pods bars (requested of allocatable),
 * its taints and cordon, and its pods as chips coloured by workload. Past CARD_LIMIT nodes the cards would be a
 * wall: each zone becomes a heat-map strip (one cell per node, coloured by its fullest resource) and a node table;
 * the page script shows a node's card on click, from the JSON the page carries.
 */
import { compareStrings } from '../core/compare.js';
import type { ExplainReport, NodeReport, PlanResult, PodReport } from '../plan/result.js';
import { parseResource } from '../k8s/quantity.js';
import { escapeHtml, hue } from './html-escape.js';

/** Above this many nodes, zones are drawn as heat-map strips instead of cards. */
export const CARD_LIMIT = 50;

const BARS = ['cpu', 'memory', 'pods'] as const;
const NO_ZONE = '(no zone)';

/** requested / allocatable of one resource; allocatable 0 with something requested counts as full. */
export function usage(node: NodeReport, resource: string): number {
  const alloc = parseResource(resource, node.allocatable[resource] ?? '0') ?? 0;
  const req = parseResource(resource, node.requested[resource] ?? '0') ?? 0;
  if (alloc <= 0) return req > 0 ? 1 : 0;
  return req / alloc;
}

function percent(fraction: number): number {
  return Math.round(fraction * 100);
}

export function workloadKey(p: PodReport): string {
  return `${p.workload.kind}/${p.namespace}/${p.workload.name}`;
}

/** Zones in name order (nodes without a zone label last), nodes by name inside each. */
export function byZone(nodes: NodeReport[]): Array<[string, NodeReport[]]> {
  const zones = new Map<string, NodeReport[]>();
  for (const n of nodes) {
    const z = n.zone ?? NO_ZONE;
    zones.set(z, [...(zones.get(z) ?? []), n]);
  }
  return [...zones.entries()]
    .sort(([a], [b]) => (a === NO_ZONE ? 1 : b === NO_ZONE ? -1 : compareStrings(a, b)))
    .map(([z, ns]) => [z, [...ns].sort((a, b) => compareStrings(a.name, b.name))]);
}

/** Planned pods per node name, in plan order. */
export function podsByNode(pods: PodReport[]): Map<string, PodReport[]> {
  const out = new Map<string, PodReport[]>();
  for (const p of pods) if (p.node !== null) out.set(p.node, [...(out.get(p.node) ?? []), p]);
  return out;
}

function bar(node: NodeReport, resource: string): string {
  const f = usage(node, resource);
  const req = node.requested[resource] ?? '0';
  const alloc = node.allocatable[resource] ?? '0';
  const label = `${resource} ${req} / ${alloc} (${percent(f)}%)`;
  return (
    `<div class="bar${f > 1 ? ' over' : ''}" title="${escapeHtml(label)}">` +
    `<span class="bar-name">${escapeHtml(resource)}</span>` +
    `<span class="track"><span class="fill" style="width:${Math.min(100, percent(f))}%"></span></span>` +
    `<span class="bar-value">${escapeHtml(`${req} / ${alloc}`)}</span></div>`
  );
}

function taintList(node: NodeReport): string {
  const marks: string[] = [];
  if (node.unschedulable) marks.push('<li class="cordon">cordoned (spec.unschedulable)</li>');
  for (const t of node.taints ?? [])
    marks.push(`<li class="taint">${escapeHtml(`${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`)}</li>`);
  return marks.length ? `<ul class="marks" aria-label="taints">${marks.join('')}</ul>` : '';
}

/** What --explain found for this pod: its scores on its node per plugin, or why scoring was skipped, and the filters. */
function explainTip(p: PodReport, explain: ExplainReport | undefined): string {
  if (!explain || !explain.found || explain.pod !== p.name) return '';
  if (explain.namespace !== null && explain.namespace !== p.namespace) return '';
  const out: string[] = [];
  const row = explain.nodes.find((n) => n.node === p.node);
  if (row?.scores) {
    const lines = Object.entries(row.scores).map(
      ([plugin, s]) => `<li>${escapeHtml(plugin)}: ${s.weighted} (raw ${s.raw}, normalized ${s.normalized})</li>`,
    );
    out.push(
      `<span class="tip-head">scores on ${escapeHtml(row.node)} (total ${row.total ?? 0})</span><ul>${lines.join('')}</ul>`,
    );
  }
  if (explain.note) out.push(`<span>${escapeHtml(explain.note)}</span>`);
  const failed = explain.nodes.filter((n) => n.failedPlugin !== null);
  if (failed.length)
    out.push(
      `<span class="tip-head">filtered out</span><ul>${failed.map((n) => `<li>${escapeHtml(`${n.node}: ${n.failedPlugin} (${n.reasons.join('; ')})`)}</li>`).join('')}</ul>`,
    );
  return out.join('');
}

/** A pod chip; hovering or focusing it shows its workload, requests and (with --explain) its scores — CSS only. */
export function podChip(p: PodReport, explain?: ExplainReport, reason?: string): string {
  const requests = Object.entries(p.requests ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const tip = [
    `<span class="tip-head">${escapeHtml(`${p.namespace}/${p.name}`)}</span>`,
    `<span>${escapeHtml(`${p.workload.kind} ${p.namespace}/${p.workload.name}`)}</span>`,
    p.requests ? `<span>requests: ${escapeHtml(requests || 'none')}</span>` : '',
    p.priority !== 0 ? `<span>priority ${p.priority}</span>` : '',
    reason ? `<span class="reason">${escapeHtml(reason)}</span>` : '',
    explainTip(p, explain),
  ].join('');
  return (
    `<span class="pod" tabindex="0" style="--h:${hue(workloadKey(p))}" data-pod="${escapeHtml(`${p.namespace}/${p.name}`)}">` +
    `${escapeHtml(p.name)}<span class="tip" role="tooltip">${tip}</span></span>`
  );
}

function nodeCard(node: NodeReport, pods: PodReport[], explain: ExplainReport | undefined): string {
  const flags = node.unschedulable ? ' cordoned' : (node.taints ?? []).length ? ' tainted' : '';
  const running = node.running.map(
    (r) => `<span class="pod running" title="running in the cluster">${escapeHtml(r)}</span>`,
  );
  return (
    `<article class="node${flags}" data-node="${escapeHtml(node.name)}">` +
    `<h4>${escapeHtml(node.name)}</h4>${taintList(node)}` +
    `<div class="bars">${BARS.map((r) => bar(node, r)).join('')}</div>` +
    `<div class="pods">${[...pods.map((p) => podChip(p, explain)), ...running].join('') || '<span class="empty">no pods</span>'}</div>` +
    `</article>`
  );
}

/** The fullest of cpu / memory / pods, for the heat-map colour. */
export function fullest(node: NodeReport): number {
  return Math.max(...BARS.map((r) => usage(node, r)));
}

function heatCell(node: NodeReport, index: number): string {
  const f = fullest(node);
  const title = `${node.name}: ${BARS.map((r) => `${r} ${percent(usage(node, r))}%`).join(', ')}${node.unschedulable ? ', cordoned' : ''}`;
  return `<a class="cell${node.unschedulable ? ' cordoned' : ''}" href="#node-${index}" data-i="${index}" style="--u:${Math.min(100, percent(f))}" title="${escapeHtml(title)}"></a>`;
}

function nodeRow(node: NodeReport, index: number, pods: number): string {
  const marks = [node.unschedulable ? 'cordoned' : '', ...(node.taints ?? []).map((t) => `${t.key}:${t.effect}`)]
    .filter(Boolean)
    .join(', ');
  const cells = BARS.map(
    (r) => `<td>${escapeHtml(`${node.requested[r] ?? '0'} / ${node.allocatable[r] ?? '0'}`)}</td>`,
  );
  return `<tr id="node-${index}" data-node="${escapeHtml(node.name)}"><th scope="row">${escapeHtml(node.name)}</th>${cells.join('')}<td>${pods}</td><td>${escapeHtml(marks)}</td></tr>`;
}

/** The compact data the page script turns into a node card on click (heat-map mode only). */
export interface HeatData {
  /** Per node (in the cells' index order): name, zone, taint/cordon marks, [requested, allocatable] per bar, pod indexes. */
  nodes: Array<[string, string, string[], Array<[string, string]>, number[]]>;
  /** Name prefixes shared by pods (namespace/ and the owner's name) with their workload's hue. */
  owners: Array<[string, number]>;
  /** Planned pods: index into owners and the rest of the name (so 100,000 pods stay ~1 MB). */
  pods: Array<[number, string]>;
}

export function renderNodes(plan: PlanResult): { html: string; heat: HeatData | null } {
  const zones = byZone(plan.cluster.nodes);
  const onNode = podsByNode(plan.pods);
  if (plan.cluster.nodes.length <= CARD_LIMIT) {
    const html =
      '<div class="zones">' +
      zones
        .map(
          ([zone, nodes]) =>
            `<section class="zone"><h3>${escapeHtml(zone)} <small>${nodes.length} node${nodes.length === 1 ? '' : 's'}</small></h3>` +
            `<div class="stack">${nodes.map((n) => nodeCard(n, onNode.get(n.name) ?? [], plan.explain)).join('')}</div></section>`,
        )
        .join('') +
      '</div>';
    return { html, heat: null };
  }
  const heat: HeatData = { nodes: [], owners: [], pods: [] };
  const podIndex = new Map<PodReport, number>();
  const ownerIndex = new Map<string, number>();
  for (const p of plan.pods) {
    if (p.node === null) continue;
    const owner = p.owner && p.name.startsWith(p.owner.name) ? p.owner.name : '';
    const key = `${p.namespace}/${owner}\0${workloadKey(p)}`;
    let o = ownerIndex.get(key);
    if (o === undefined) {
      o = heat.owners.length;
      ownerIndex.set(key, o);
      heat.owners.push([`${p.namespace}/${owner}`, hue(workloadKey(p))]);
    }
    podIndex.set(p, heat.pods.length);
    heat.pods.push([o, p.name.slice(owner.length)]);
  }
  const strips: string[] = [];
  const rows: string[] = [];
  for (const [zone, nodes] of zones) {
    const cells: string[] = [];
    for (const n of nodes) {
      const i = heat.nodes.length;
      const pods = onNode.get(n.name) ?? [];
      heat.nodes.push([
        n.name,
        zone,
        [n.unschedulable ? 'cordoned' : '', ...(n.taints ?? []).map((t) => `${t.key}:${t.effect}`)].filter(Boolean),
        BARS.map((r): [string, string] => [n.requested[r] ?? '0', n.allocatable[r] ?? '0']),
        pods.map((p) => podIndex.get(p) ?? 0),
      ]);
      cells.push(heatCell(n, i));
      rows.push(nodeRow(n, i, pods.length + n.running.length));
    }
    strips.push(
      `<section class="zone"><h3>${escapeHtml(zone)} <small>${nodes.length} nodes</small></h3><div class="strip">${cells.join('')}</div></section>`,
    );
  }
  const html =
    `<p class="hint">${plan.cluster.nodes.length} nodes: each cell is a node, darker is fuller (its fullest of cpu, memory, pods). Select a cell for its pods.</p>` +
    strips.join('') +
    `<div id="node-detail" class="cards" aria-live="polite"></div>` +
    `<details class="node-table"><summary>All nodes as a table</summary><table><thead><tr><th>node</th>${BARS.map((r) => `<th>${r}</th>`).join('')}<th>pod count</th><th>taints</th></tr></thead><tbody>${rows.join('')}</tbody></table></details>`;
  return { html, heat };
}

/** The unschedulable lane: every pod without a node, with the scheduler's reason. */
export function renderUnschedulable(plan: PlanResult): string {
  const pods = plan.pods.filter((p) => p.node === null);
  if (pods.length === 0) return '<p class="ok">Every pod found a node.</p>';
  return `<ul class="lane">${pods
    .map(
      (p) =>
        `<li>${podChip(p, plan.explain, p.reason)}<span class="reason">${escapeHtml(p.reason ?? 'not scheduled')}</span></li>`,
    )
    .join('')}</ul>`;
}
