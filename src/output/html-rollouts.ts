/**
 * The rollouts of the HTML report (with --from / --base): per Deployment / StatefulSet a step chart — after each
 * controller action, the old and new pod counts stacked, the desired replicas as a line (pods above it are surge)
 * and the available pods as dots — beside the steps as a list. Steps that leave pods Pending and a stalled rollout
 * are marked.
 */
import type { Change, ChangesResult, Rollout, RolloutEvent } from '../rollout/index.js';
import { escapeHtml, hue } from './html-escape.js';

const CHART_HEIGHT = 120;
const MAX_CHART_WIDTH = 960;

export function surge(r: Rollout, e: RolloutEvent): number {
  return Math.max(0, e.old + e.new - r.replicas.new);
}

function chart(r: Rollout): string {
  const n = r.events.length + (r.stalled ? 1 : 0);
  const col = Math.max(2, Math.min(24, Math.floor(MAX_CHART_WIDTH / Math.max(1, n))));
  const left = 28;
  const top = 8;
  const width = left + n * col + 8;
  const height = top + CHART_HEIGHT + 20;
  const max = Math.max(1, r.replicas.old, r.replicas.new, r.peakPods, ...r.events.map((e) => e.old + e.new));
  const y = (v: number) => top + CHART_HEIGHT - (v / max) * CHART_HEIGHT;
  const h = hue(`${r.kind}/${r.namespace}/${r.name}`);
  const parts: string[] = [];
  r.events.forEach((e, i) => {
    const x = left + i * col;
    const w = Math.max(1, col - 2);
    const tip = `${i + 1}. ${e.message}: old ${e.old}, new ${e.new}, available ${e.available}, surge ${surge(r, e)}${e.pending ? `, pending ${e.pending}` : ''}`;
    parts.push(
      `<g class="step${e.pending ? ' pending' : ''}"><title>${escapeHtml(tip)}</title>` +
        `<rect class="old" x="${x}" y="${y(e.old)}" width="${w}" height="${y(0) - y(e.old)}"/>` +
        `<rect class="new" style="--h:${h}" x="${x}" y="${y(e.old + e.new)}" width="${w}" height="${y(0) - y(e.new)}"/>` +
        `<circle class="avail" cx="${x + w / 2}" cy="${y(e.available)}" r="${Math.min(3, w / 2)}"/></g>`,
    );
  });
  if (r.stalled) {
    const x = left + r.events.length * col;
    parts.push(
      `<g class="stalled"><title>${escapeHtml(`stalled: ${r.stalled}`)}</title><rect x="${x}" y="${top}" width="${Math.max(1, col - 2)}" height="${CHART_HEIGHT}"/></g>`,
    );
  }
  const label = `${r.kind} ${r.namespace}/${r.name}: ${r.events.length} steps, peak ${r.peakPods} pods, minimum ${r.minAvailable} available${r.stalled ? ', stalled' : ''}`;
  return (
    `<svg class="chart" role="img" aria-label="${escapeHtml(label)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<line class="axis" x1="${left}" y1="${y(0)}" x2="${width - 4}" y2="${y(0)}"/>` +
    `<text class="tick" x="${left - 4}" y="${y(max) + 4}">${max}</text><text class="tick" x="${left - 4}" y="${y(0)}">0</text>` +
    parts.join('') +
    `<line class="desired" x1="${left}" y1="${y(r.replicas.new)}" x2="${width - 4}" y2="${y(r.replicas.new)}"><title>desired ${r.replicas.new}</title></line>` +
    `</svg>`
  );
}

function steps(r: Rollout): string {
  const items: string[] = [];
  let wave = 0;
  r.events.forEach((e, i) => {
    for (; wave < e.wave; wave++) items.push('<li class="wave">(new pods Ready)</li>');
    const s = surge(r, e);
    items.push(
      `<li value="${i + 1}"${e.pending ? ' class="pending"' : ''}>${escapeHtml(e.message)} <small>old ${e.old} · new ${e.new} · available ${e.available}${s ? ` · surge ${s}` : ''}${e.pending ? ` · <strong>pending ${e.pending}</strong>` : ''}</small></li>`,
    );
  });
  if (r.stalled) items.push(`<li class="stalled"><strong>stalled:</strong> ${escapeHtml(r.stalled)}</li>`);
  if (r.events.length === 0 && !r.stalled) items.push('<li>No pods are created or deleted.</li>');
  return `<ol class="steps">${items.join('')}</ol>`;
}

function rollout(r: Rollout): string {
  const limits = Object.entries(r.limits).map(([k, v]) => `${k} ${v}`);
  const head = [r.strategy, `replicas ${r.replicas.old} → ${r.replicas.new}`, ...limits].join(', ');
  const what = r.cause === 'template' ? 'Rollout' : 'Scaling';
  return (
    `<article class="rollout${r.stalled ? ' is-stalled' : ''}" data-rollout="${escapeHtml(`${r.kind}/${r.namespace}/${r.name}`)}">` +
    `<h3>${escapeHtml(`${what} of ${r.kind} ${r.namespace}/${r.name}`)}${r.stalled ? ' <span class="badge bad">stalled</span>' : ''}</h3>` +
    `<p>${escapeHtml(head)}${r.cause === 'template' ? ` · ${escapeHtml(`${r.revisions.old} → ${r.revisions.new}`)}` : ''}</p>` +
    (r.note ? `<p class="note">${escapeHtml(r.note)}</p>` : '') +
    `<div class="rollout-body"><figure>${chart(r)}<figcaption><span class="key old"></span>old <span class="key new" style="--h:${hue(`${r.kind}/${r.namespace}/${r.name}`)}"></span>new <span class="key avail"></span>available <span class="key desired"></span>desired (above: surge)</figcaption></figure>${steps(r)}</div>` +
    `<p>Peak ${r.peakPods} pods, minimum ${r.minAvailable} available.</p></article>`
  );
}

const SIGN: Record<Change['change'], string> = { added: '+', removed: '−', changed: '~' };

export function renderChanges(changes: ChangesResult): string {
  const count = (c: Change['change']) => changes.changes.filter((x) => x.change === c).length;
  const list = changes.changes
    .map(
      (c) =>
        `<li class="${c.change}"><details><summary>${SIGN[c.change]} ${escapeHtml(`${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name}`)} <small>${c.change}</small></summary><pre>${escapeHtml(c.diff).replace(/\\u000a/g, '\n')}</pre></details></li>`,
    )
    .join('');
  return (
    `<p>${changes.changes.length === 0 ? 'No changes.' : `${count('added')} added, ${count('changed')} changed, ${count('removed')} removed.`}</p>` +
    (list ? `<ul class="changes">${list}</ul>` : '') +
    changes.rollouts.map(rollout).join('')
  );
}
