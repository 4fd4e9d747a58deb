/**
 * Hovers that show what the planner makes of an object (the same `plan` the CLI runs, over the object's workspace
 * folder, on the default cluster model): on a workload's `kind` or `metadata.name`, its pods and their nodes or why
 * they cannot be scheduled; on a Service's, its endpoints; on an Ingress path, its backends and their pods.
 */
import { plan } from '../api/check.js';
import type { Manifest } from '../core/types.js';
import type { PlanResult } from '../plan/index.js';
import { toRange } from './diagnostics.js';
import type { Hover } from './hover.js';
import type { Workspace } from './workspace.js';

const WORKLOADS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod']);
const MAX_LINES = 30;

export function planHover(
  file: string,
  manifests: readonly Manifest[],
  position: unknown,
  workspace: Workspace,
): Hover | null {
  const p = position as { line?: unknown; character?: unknown } | null | undefined;
  if (!p || !Number.isSafeInteger(p.line) || !Number.isSafeInteger(p.character)) return null;
  for (const manifest of manifests) {
    const hit = manifest.pathAt?.((p.line as number) + 1, (p.character as number) + 1);
    if (!hit) continue;
    const kind = manifest.object.kind;
    if (typeof kind !== 'string') return null;
    const onIdentity = hit.path.length === 1 ? hit.path[0] === 'kind' : hit.path.join('.') === 'metadata.name';
    const ingressPath =
      kind === 'Ingress' &&
      hit.path.length >= 6 &&
      hit.path[0] === 'spec' &&
      hit.path[1] === 'rules' &&
      hit.path[3] === 'http' &&
      hit.path[4] === 'paths' &&
      typeof hit.path[5] === 'number';
    if (!onIdentity && !ingressPath) return null;
    if (!WORKLOADS.has(kind) && kind !== 'Service' && kind !== 'Ingress') return null;
    const result = planOf(file, workspace);
    if (!result) return null;
    const meta = (manifest.object.metadata ?? {}) as { name?: unknown; namespace?: unknown };
    const name = typeof meta.name === 'string' ? meta.name : '';
    const namespace = typeof meta.namespace === 'string' ? meta.namespace : result.settings.defaultNamespace;
    const lines =
      kind === 'Service'
        ? serviceLines(result, namespace, name)
        : kind === 'Ingress'
          ? ingressLines(
              result,
              namespace,
              name,
              manifest,
              ingressPath ? (hit.path.slice(0, 6) as (string | number)[]) : undefined,
            )
          : workloadLines(result, kind, namespace, name);
    if (!lines) return null;
    const shown =
      lines.length > MAX_LINES ? [...lines.slice(0, MAX_LINES), `- … ${lines.length - MAX_LINES} more`] : lines;
    const r = manifest.locate(hit.path, hit.onKey ? 'key' : 'value');
    return {
      contents: { kind: 'markdown', value: shown.join('\n') },
      range: toRange(r),
    };
  }
  return null;
}

/** One plan per workspace revision and folder (hovers come in bursts over unchanged text). */
const cache = new WeakMap<Workspace, { key: string; revision: number; result: PlanResult | null }>();

function planOf(file: string, workspace: Workspace): PlanResult | null {
  const folder = workspace.folderOf(file) ?? file;
  const cached = cache.get(workspace);
  if (cached && cached.key === folder && cached.revision === workspace.revision) return cached.result;
  let result: PlanResult | null;
  try {
    const manifests = workspace.folderManifests(file);
    const config = workspace.configFor(file);
    result = plan(manifests, { config, cwd: workspace.folderOf(file) ?? undefined }).plan ?? null;
  } catch {
    result = null; // a plan that cannot be made leaves the field documentation hover
  }
  cache.set(workspace, { key: folder, revision: workspace.revision, result });
  return result;
}

function workloadLines(result: PlanResult, kind: string, namespace: string, name: string): string[] | null {
  const pods =
    kind === 'Pod'
      ? result.pods.filter((p) => p.namespace === namespace && p.name === name)
      : result.pods.filter((p) => p.namespace === namespace && p.workload.kind === kind && p.workload.name === name);
  const workload = result.workloads.find((w) => w.kind === kind && w.namespace === namespace && w.name === name);
  if (!workload && pods.length === 0) return null;
  const scheduled = pods.filter((p) => p.node !== null).length;
  const lines = [
    `**plan: ${kind} ${name}** — ${pods.length} pod${pods.length === 1 ? '' : 's'}, ${scheduled} scheduled on ${result.cluster.description}`,
    '',
  ];
  for (const note of workload?.notes ?? []) lines.push(`- ${note}`);
  for (const pod of pods)
    lines.push(
      pod.node
        ? `- \`${pod.name}\` → node \`${pod.node}\``
        : `- \`${pod.name}\` unschedulable: ${pod.reason ?? 'no node fits'}`,
    );
  return lines;
}

function serviceLines(result: PlanResult, namespace: string, name: string): string[] | null {
  const service = result.services.find((s) => s.namespace === namespace && s.name === name);
  if (!service) return null;
  const lines = [
    `**plan: Service ${name}** — ${service.endpoints.length} endpoint${service.endpoints.length === 1 ? '' : 's'}`,
    '',
  ];
  if (service.selector === null) lines.push('- no selector: endpoints are managed by hand');
  for (const e of service.endpoints)
    lines.push(`- \`${e.pod}\`${e.port !== null ? `:${e.port}` : ''} on node \`${e.node}\``);
  return lines;
}

function ingressLines(
  result: PlanResult,
  namespace: string,
  name: string,
  manifest: Manifest,
  pathItem: (string | number)[] | undefined,
): string[] | null {
  const ingress = result.ingresses.find((i) => i.namespace === namespace && i.name === name);
  if (!ingress) return null;
  let routes = ingress.routes;
  if (pathItem) {
    const rules = (manifest.object.spec as { rules?: { host?: unknown; http?: { paths?: { path?: unknown }[] } }[] })
      ?.rules;
    const rule = rules?.[pathItem[2] as number];
    const host = typeof rule?.host === 'string' && rule.host !== '' ? rule.host : '*';
    const p = rule?.http?.paths?.[pathItem[5] as number];
    const path = typeof p?.path === 'string' ? p.path : '/';
    routes = routes.filter((r) => r.host === host && r.path === path);
  }
  const lines = [`**plan: Ingress ${name}**${ingress.ingressClass ? ` (class ${ingress.ingressClass})` : ''}`, ''];
  for (const r of routes) {
    const target = r.service ? `Service \`${r.service}\`${r.port !== null ? `:${r.port}` : ''}` : 'no Service backend';
    const pods = r.pods.length > 0 ? r.pods.map((p) => `\`${p}\``).join(', ') : 'no pods';
    lines.push(`- \`${r.host}${r.path === '*' ? '' : r.path}\` → ${target} → ${pods}`);
  }
  return lines;
}
