/** renderPlanText: the human report. No colour unless asked, no wall-clock values, control characters escaped. */
import type { PlanResult, WhatIfReport } from './result.js';
import { escapeControl } from '../core/escape.js';

export interface RenderOptions {
  color?: boolean;
}

/** Names come from users' YAML: never let them move the cursor or break lines. */
const safe = escapeControl;

function table(rows: string[][], indent = '  '): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map(
    (row) =>
      indent +
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
  );
}

export function renderPlanText(result: PlanResult, options: RenderOptions = {}): string {
  const c = options.color === true;
  const bold = (s: string) => (c ? `\u001b[1m${s}\u001b[22m` : s);
  const red = (s: string) => (c ? `\u001b[31m${s}\u001b[39m` : s);
  const green = (s: string) => (c ? `\u001b[32m${s}\u001b[39m` : s);
  const dim = (s: string) => (c ? `\u001b[2m${s}\u001b[22m` : s);
  const out: string[] = [];
  const podNode = new Map(result.pods.map((p) => [`${p.namespace}/${p.name}`, p]));

  out.push(bold('kubeplan plan'));
  out.push(`Cluster: ${safe(result.cluster.description)}`);
  out.push(dim(`Seed ${safe(result.settings.seed)} · now ${result.settings.now} · ties: ${result.settings.tieBreak}`));
  out.push(dim(`Nodes evaluated per pod: ${result.settings.nodeSampling}`));
  out.push(
    dim(`Behaviour of Kubernetes ${safe(result.settings.kubeVersion)} (feature-gate defaults and scheduler changes)`),
  );

  if (result.workloads.length > 0) {
    out.push('', bold('Workloads'));
    for (const w of result.workloads) {
      out.push(
        `  ${w.kind} ${safe(w.namespace)}/${safe(w.name)}  ${w.replicas} ${w.kind === 'Pod' ? 'pod' : w.replicas === 1 ? 'replica' : 'replicas'}${w.notes.length ? dim(` · ${w.notes.map(safe).join(' · ')}`) : ''}`,
      );
      const podLines = (names: string[], indent: string) => {
        const rows = names.map((name) => {
          const p = podNode.get(`${w.namespace}/${name}`);
          const where = p?.node
            ? green(safe(p.node))
            : p?.notCreated
              ? dim('not created')
              : red('Pending (unschedulable)');
          return [safe(name), where, p?.dns ? safe(p.dns) : ''];
        });
        out.push(...table(rows, indent));
      };
      if (w.replicaSets.length > 0) {
        for (const rs of w.replicaSets) {
          out.push(`    ReplicaSet ${safe(rs.name)}  ${rs.replicas} ${rs.replicas === 1 ? 'replica' : 'replicas'}`);
          podLines(w.pods, '      ');
        }
      } else {
        podLines(w.pods, '    ');
      }
    }
  }

  out.push('', bold('Nodes'));
  const header = ['NODE', 'ZONE', 'PODS', 'CPU', 'MEMORY'];
  const rows = result.cluster.nodes.map((n) => [
    safe(n.name),
    safe(n.zone ?? '-'),
    `${n.requested.pods ?? '0'}/${n.allocatable.pods ?? '0'}`,
    `${n.requested.cpu ?? '0'}/${n.allocatable.cpu ?? '0'}`,
    `${n.requested.memory ?? '0'}/${n.allocatable.memory ?? '0'}`,
  ]);
  if (rows.length === 0) out.push('  (no nodes)');
  else out.push(...table([header, ...rows]));
  out.push(dim('  (requested/allocatable)'));

  if (result.evictions.length > 0) {
    out.push('', bold('Evictions'));
    for (const e of result.evictions) {
      const r = e.replacement;
      const next = !r
        ? 'not re-created (no controller)'
        : r.node
          ? `re-created as ${safe(r.name)} on ${green(safe(r.node))}`
          : `re-created as ${safe(r.name)}: ${red('Pending')}${r.reason ? ` (${safe(r.reason)})` : ''}`;
      out.push(`  ${safe(e.pod)} on ${safe(e.node)}: ${safe(e.cause)}; ${next}`);
    }
  }

  if (result.whatIf) out.push('', ...renderWhatIf(result.whatIf, { bold, red, green }));

  const pending = result.pods.filter((p) => p.node === null && !p.notCreated);
  if (pending.length > 0) {
    out.push('', bold(red('Unschedulable')));
    for (const p of pending) out.push(`  ${safe(p.namespace)}/${safe(p.name)}: ${safe(p.reason ?? 'not scheduled')}`);
  }
  const held = result.pods.filter((p) => p.notCreated);
  if (held.length > 0) {
    out.push('', bold('Not created'));
    for (const p of held) out.push(`  ${safe(p.namespace)}/${safe(p.name)}: ${safe(p.reason ?? 'not created')}`);
  }

  if (result.volumeClaims.length > 0) {
    out.push('', bold('Volume claims'));
    out.push(
      ...table(
        result.volumeClaims.map((v) => [
          `${safe(v.namespace)}/${safe(v.name)}`,
          safe(v.storage ?? '-'),
          safe(v.storageClassName ?? '(default class)'),
          `${v.owner.kind} ${safe(v.owner.name)}`,
          v.binding ? safe(bindingText(v.binding)) : '',
        ]),
      ),
    );
  }

  if (result.services.length > 0) {
    out.push('', bold('Services'));
    for (const s of result.services) {
      const kind = s.headless ? 'headless' : s.type;
      if (!s.selector) {
        out.push(
          `  ${safe(s.namespace)}/${safe(s.name)}  ${kind}  ${dim('(no selector: endpoints managed outside kubeplan)')}`,
        );
        continue;
      }
      if (s.endpoints.length === 0) {
        out.push(`  ${safe(s.namespace)}/${safe(s.name)}  ${kind}  → ${red('no endpoints')}`);
        continue;
      }
      out.push(`  ${safe(s.namespace)}/${safe(s.name)}  ${kind}`);
      for (const e of s.endpoints)
        out.push(
          `    → ${safe(e.dns ?? e.pod)}${e.port !== null ? `:${e.port}` : ''}${e.portName ? ` (${safe(e.portName)})` : ''}  on ${safe(e.node)}`,
        );
    }
  }

  if (result.ingresses.length > 0) {
    out.push('', bold('Ingresses'));
    for (const i of result.ingresses) {
      out.push(`  ${safe(i.namespace)}/${safe(i.name)}${i.ingressClass ? `  class ${safe(i.ingressClass)}` : ''}`);
      for (const r of i.routes) {
        const where =
          r.pathType === 'DefaultBackend'
            ? '* (default backend)'
            : `${safe(r.host)}${safe(r.path)} (${safe(r.pathType)})`;
        const backend = r.service
          ? `${safe(r.service)}:${r.port === null ? '?' : safe(String(r.port))}`
          : '(resource backend)';
        const pods = r.pods.length ? r.pods.map(safe).join(', ') : r.service ? red('no pods') : '';
        out.push(`    ${where} → ${backend}${pods ? ` → ${pods}` : ''}`);
      }
    }
  }

  if (result.cronJobs.length > 0) {
    out.push('', bold('CronJobs'));
    for (const cj of result.cronJobs) {
      const when = cj.error
        ? red(safe(cj.error))
        : cj.suspend
          ? 'suspended'
          : cj.next.map((n) => (n.local === n.time ? n.time : `${n.local} (${n.time})`)).join(', ');
      out.push(
        `  ${safe(cj.namespace)}/${safe(cj.name)}  "${safe(cj.schedule)}"${cj.timeZone ? ` ${safe(cj.timeZone)}` : ' UTC'} → ${when}`,
      );
    }
  }

  if (result.explain) {
    const e = result.explain;
    out.push('', bold(`Explain ${e.namespace ? `${safe(e.namespace)}/` : ''}${safe(e.pod)}`));
    if (!e.found) out.push(`  ${safe(e.note ?? 'not found')}`);
    else {
      out.push(
        `  → ${e.node ? green(safe(e.node)) : red(safe(e.reason ?? 'unschedulable'))}${e.note ? dim(` (${safe(e.note)})`) : ''}`,
      );
      for (const n of e.nodes) {
        if (n.failedPlugin) {
          out.push(`  ${safe(n.node)}: ${red(`rejected by ${n.failedPlugin}`)}: ${n.reasons.map(safe).join(', ')}`);
          continue;
        }
        out.push(`  ${safe(n.node)}: passes all filters${n.total !== undefined ? `; total score ${n.total}` : ''}`);
        if (n.scores) {
          out.push(
            ...table(
              Object.entries(n.scores).map(([plugin, s]) => [
                plugin,
                `raw ${s.raw}`,
                `normalized ${s.normalized}`,
                `weighted ${s.weighted}`,
              ]),
              '    ',
            ),
          );
        }
      }
    }
  }

  const s = result.summary;
  out.push(
    '',
    `Summary: ${s.pods} pod${s.pods === 1 ? '' : 's'}, ${s.scheduled} scheduled, ${s.unschedulable === 0 ? '0 unschedulable' : red(`${s.unschedulable} unschedulable`)}${s.notCreated ? `, ${s.notCreated} not created` : ''}`,
  );
  return `${out.join('\n')}\n`;
}

/** One line for a claim's binding decision in the Volume claims table. */
function bindingText(b: NonNullable<PlanResult['volumeClaims'][number]['binding']>): string {
  const where = [b.node ? `node ${b.node}` : '', b.zone ? `zone ${b.zone}` : ''].filter(Boolean).join(', ');
  if (b.state === 'bound') return `bound to ${b.volume ?? '?'}${where ? ` (${where})` : ''}`;
  if (b.state === 'provisioned') return `provisioned${where ? ` (${where})` : ''}`;
  return `${b.state}: ${b.note}`;
}

/** The what-if answers: drains, zone failures, what became Pending, Services left without endpoints, headroom. */
function renderWhatIf(
  w: WhatIfReport,
  { bold, red, green }: Record<'bold' | 'red' | 'green', (s: string) => string>,
): string[] {
  const out = [bold('What if')];
  for (const d of w.drains) {
    out.push(`  kubectl drain ${safe(d.node)} --ignore-daemonsets --delete-emptydir-data: node cordoned`);
    if (d.error) out.push(`    ${red('error')}: ${safe(d.error)}`);
    if (d.evicted.length) out.push(`    evicted ${d.evicted.length}: ${d.evicted.map(safe).join(', ')}`);
    for (const b of d.blocked) out.push(`    ${red('blocked')} ${safe(b.pod)}: ${safe(b.reason)}`);
    for (const i of d.ignored) out.push(`    left ${safe(i.pod)}: ${safe(i.reason)}`);
    if (!d.error && d.blocked.length === 0) out.push(`    ${green('drained')}`);
  }
  for (const z of w.failedZones) {
    out.push(`  zone ${safe(z.zone)} fails: ${z.nodes.map(safe).join(', ')} unreachable`);
    for (const l of z.lost)
      out.push(
        `    lost ${safe(l.pod)} (${safe(l.node)}): ${l.recreated ? 're-created' : `not re-created: ${safe(l.why ?? '')}`}`,
      );
  }
  if (w.pending.length) {
    out.push(`  ${red(`${w.pending.length} re-created pod${w.pending.length === 1 ? '' : 's'} Pending`)}:`);
    for (const p of w.pending) out.push(`    ${safe(p.pod)}: ${safe(p.reason)}`);
  }
  if (w.servicesWithoutEndpoints.length)
    out.push(`  ${red('Services left without endpoints')}: ${w.servicesWithoutEndpoints.map(safe).join(', ')}`);
  else if (w.drains.length || w.failedZones.length) out.push('  every Service that had endpoints still has some');
  if (w.headroom) {
    const h = w.headroom;
    out.push(
      `  headroom of ${safe(h.workload)}: ${h.atLeast ? 'at least ' : ''}${h.fits} more replica${h.fits === 1 ? '' : 's'} fit` +
        (h.reason ? `; the next: ${safe(h.reason)}` : ''),
    );
  }
  return out;
}
