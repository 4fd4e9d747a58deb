/** Turning plan outcomes into findings at the most useful source position. */
import type { Finding, JsonPath, Manifest } from '../core/types.js';
import type { PlannedPod } from './pod.js';
import { isObj, obj, objItems, type Obj } from '../core/values.js';

export function findingAt(
  ruleId: string,
  severity: Finding['severity'],
  m: Manifest,
  path: JsonPath,
  message: string,
  target: 'key' | 'value' = 'key',
): Finding {
  return { ruleId, severity, message, file: m.file, ...m.locate(path, target), object: m.ref };
}

/**
 * The field a FailedScheduling reason is about, inside the pod spec at `specPath` of the raw manifest.
 * `resource` is the resource NodeResourcesFit found short (from the scheduler's Diagnosis), if any.
 */
export function pathForReason(m: Manifest, specPath: JsonPath, reason: string, resource?: string): JsonPath {
  let spec: unknown = m.object;
  for (const k of specPath)
    spec = isObj(spec) ? spec[k as string] : Array.isArray(spec) ? spec[k as number] : undefined;
  const s: Obj = obj(spec);
  const has = (k: string) => s[k] !== undefined && s[k] !== null;
  if (resource !== undefined) {
    for (const list of ['containers', 'initContainers']) {
      for (const { item, index } of objItems(s[list])) {
        const res = obj(item.resources);
        for (const kind of ['requests', 'limits'])
          if (obj(res[kind])[resource] !== undefined) return [...specPath, list, index, 'resources', kind, resource];
      }
    }
    return [...specPath, 'containers'];
  }
  if (reason.includes('untolerated taint')) return [...specPath, has('tolerations') ? 'tolerations' : 'containers'];
  if (reason.includes('node affinity/selector'))
    return [...specPath, has('nodeSelector') ? 'nodeSelector' : has('affinity') ? 'affinity' : 'containers'];
  if (reason.includes('topology spread'))
    return [...specPath, has('topologySpreadConstraints') ? 'topologySpreadConstraints' : 'containers'];
  if (reason.includes('affinity')) return [...specPath, has('affinity') ? 'affinity' : 'containers'];
  if (reason.includes('free ports')) return [...specPath, 'containers'];
  if (reason.includes('Too many pods')) return [...specPath, 'containers'];
  if (reason.includes('scheduling gates')) return [...specPath, 'schedulingGates'];
  if (reason.includes('nodeName')) return [...specPath, 'nodeName'];
  return specPath.length > 0 ? specPath : ['metadata', 'name'];
}

/** One `plan/unschedulable` error per workload and distinct reason. */
export function unschedulableFindings(pods: PlannedPod[]): Finding[] {
  const groups = new Map<string, { first: PlannedPod; pods: PlannedPod[]; total: number }>();
  const totals = new Map<string, number>();
  for (const p of pods) {
    const key = `${p.workload.kind}/${p.namespace}/${p.workload.name}`;
    totals.set(key, (totals.get(key) ?? 0) + 1);
  }
  for (const p of pods) {
    if (p.node !== null || !p.reason || p.notCreated || p.overWorkBudget) continue;
    const key = `${p.workload.kind}/${p.namespace}/${p.workload.name}\u0000${p.reason}`;
    let g = groups.get(key);
    if (!g)
      groups.set(
        key,
        (g = { first: p, pods: [], total: totals.get(`${p.workload.kind}/${p.namespace}/${p.workload.name}`) ?? 1 }),
      );
    g.pods.push(p);
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    const p = g.first;
    const who =
      p.workload.kind === 'Pod'
        ? `pod ${p.name}`
        : g.pods.length === 1
          ? `pod ${p.name} of ${p.workload.kind} ${p.workload.name}`
          : `${g.pods.length} of ${g.total} pods of ${p.workload.kind} ${p.workload.name} (${p.name}, …)`;
    out.push(
      findingAt(
        'plan/unschedulable',
        'error',
        p.manifest,
        pathForReason(p.manifest, p.specPath, p.reason ?? '', p.shortResource),
        `${who} cannot be scheduled: ${p.reason}`,
      ),
    );
  }
  return out;
}

/** One `plan/skipped` warning per workload whose pods were left unscheduled by the scheduling-work budget. */
export function workBudgetFindings(pods: PlannedPod[], budget: number): Finding[] {
  const groups = new Map<string, { first: PlannedPod; left: number; total: number }>();
  for (const p of pods) {
    const key = `${p.workload.kind}/${p.namespace}/${p.workload.name}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { first: p, left: 0, total: 0 }));
    g.total++;
    if (p.overWorkBudget) g.left++;
  }
  const out: Finding[] = [];
  for (const g of groups.values()) {
    if (g.left === 0) continue;
    const m = g.first.manifest;
    const replicas = isObj(m.object.spec) && m.object.spec.replicas !== undefined;
    out.push(
      findingAt(
        'plan/skipped',
        'warning',
        m,
        replicas ? ['spec', 'replicas'] : g.first.specPath,
        `${g.left} of ${g.total} pods of ${g.first.workload.kind} ${g.first.workload.name} were not scheduled: the plan spent its scheduling-work budget (${budget} node × term evaluations: pods × nodes evaluated × (1 + affinity terms and spread constraints)); raise it with --max-scheduling-work`,
      ),
    );
  }
  return out;
}
