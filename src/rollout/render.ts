/** Plain-text rendering of a change plan: per object its diff, per workload its rollout steps. */
import { escapeControl } from '../core/escape.js';
import type { Change } from './changes.js';
import type { Rollout } from './model.js';

export interface RenderOptions {
  /** Include the unified diffs (default true). */
  diffs?: boolean;
}

const SIGN: Record<Change['change'], string> = { added: '+', removed: '-', changed: '~' };

export function renderChangesText(
  result: { changes: Change[]; rollouts: Rollout[] },
  opts: RenderOptions = {},
): string {
  const out: string[] = [];
  const count = (c: Change['change']) => result.changes.filter((x) => x.change === c).length;
  out.push(
    result.changes.length === 0
      ? 'No changes.'
      : `Changes: ${count('added')} added, ${count('changed')} changed, ${count('removed')} removed.`,
  );
  const rollouts = new Map(result.rollouts.map((r) => [`${r.kind}\0${r.namespace}\0${r.name}`, r]));
  for (const c of result.changes) {
    out.push('', `${SIGN[c.change]} ${c.kind} ${c.namespace ? `${c.namespace}/` : ''}${c.name} (${c.change})`);
    // The diff is many lines; everything else pushed here is one line (a newline in a name is escaped below).
    if (opts.diffs !== false) out.push(...c.diff.replace(/\n$/, '').split('\n'));
    const r = rollouts.get(`${c.kind}\0${c.namespace ?? ''}\0${c.name}`);
    if (r) out.push('', ...renderRollout(r));
  }
  return out.map(escapeControl).join('\n') + '\n';
}

export function renderRollout(r: Rollout): string[] {
  const what = r.cause === 'template' ? 'Rollout' : 'Scaling';
  const limits = Object.entries(r.limits).map(([k, v]) => `${k} ${v}`);
  const head = [r.strategy, `replicas ${r.replicas.old} → ${r.replicas.new}`, ...limits].join(', ');
  const lines = [`${what} of ${r.kind} ${r.namespace}/${r.name} (${head}):`];
  if (r.cause === 'template') lines.push(`  ${r.revisions.old} → ${r.revisions.new}`);
  if (r.note) lines.push(`  Note: ${r.note}`);
  const width = Math.max(0, ...r.events.map((e) => e.message.length));
  const numWidth = String(r.events.length).length;
  let wave = 0;
  r.events.forEach((e, i) => {
    for (; wave < e.wave; wave++) lines.push(`  ${' '.repeat(numWidth + 2)}(new pods Ready)`);
    const pending = e.pending > 0 ? `  pending ${e.pending}` : '';
    lines.push(
      `  ${String(i + 1).padStart(numWidth)}. ${e.message.padEnd(width)}  old ${e.old}  new ${e.new}  available ${e.available}${pending}`,
    );
  });
  if (r.events.length === 0) lines.push('  No pods are created or deleted.');
  lines.push(`  Peak ${r.peakPods} pods, minimum ${r.minAvailable} available.`);
  if (r.stalled) lines.push(`  STALLED: ${r.stalled}`);
  return lines;
}
