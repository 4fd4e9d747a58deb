/** Small builders for scheduler-level tests: nodes and pods from plain data. */
import { loadText } from '../../src/load/index.js';
import type { Manifest } from '../../src/core/types.js';
import { defaultPodRequestsFromLimits, defaultPodSpec } from '../../src/k8s/defaults.js';
import { parseResource } from '../../src/k8s/quantity.js';
import { buildSchedPod } from '../../src/plan/scheduler/pod-info.js';
import type { SchedNode, SchedPod, Taint } from '../../src/plan/scheduler/types.js';
import type { Selector } from '../../src/k8s/label-selector.js';

export function node(
  name: string,
  opts: {
    cpu?: string;
    memory?: string;
    pods?: number;
    labels?: Record<string, string>;
    taints?: Taint[];
    unschedulable?: boolean;
    images?: Record<string, number>;
    extra?: Record<string, string>;
  } = {},
): SchedNode {
  const allocatable: Record<string, number> = {
    cpu: parseResource('cpu', opts.cpu ?? '4')!,
    memory: parseResource('memory', opts.memory ?? '16Gi')!,
    pods: opts.pods ?? 110,
  };
  for (const [k, v] of Object.entries(opts.extra ?? {})) allocatable[k] = parseResource(k, v)!;
  return {
    name,
    labels: { 'kubernetes.io/hostname': name, ...(opts.labels ?? {}) },
    taints: opts.taints ?? [],
    unschedulable: opts.unschedulable ?? false,
    allocatable,
    images: new Map(Object.entries(opts.images ?? {})),
  };
}

export function pod(
  name: string,
  spec: Record<string, unknown>,
  opts: { labels?: Record<string, string>; namespace?: string; ownerSelector?: Selector; priority?: number } = {},
): SchedPod {
  const defaulted = defaultPodSpec(spec);
  defaultPodRequestsFromLimits(defaulted);
  const { pod, problems } = buildSchedPod({
    name,
    namespace: opts.namespace ?? 'default',
    labels: opts.labels ?? {},
    spec: defaulted,
    ownerSelector: opts.ownerSelector,
    priority: opts.priority,
  });
  if (problems.length) throw new Error(problems.map((p) => p.message).join('; '));
  return pod;
}

/** A one-container spec requesting cpu/memory. */
export function requesting(
  cpu?: string,
  memory?: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const requests: Record<string, string> = {};
  if (cpu) requests.cpu = cpu;
  if (memory) requests.memory = memory;
  return { containers: [{ name: 'c', image: 'nginx:1.25', resources: { requests } }], ...extra };
}

export function manifests(text: string, file = 'test.yaml'): Manifest[] {
  const r = loadText(text, file);
  if (r.findings.length) throw new Error(JSON.stringify(r.findings));
  return r.manifests;
}

/** items[i], failing the test with a clear message when it is missing (a check, not a type assertion). */
export function at<T>(items: readonly T[], i: number): T {
  const item = items[i];
  if (item === undefined) throw new Error(`expected an item at index ${i}, found ${items.length} items`);
  return item;
}

/** record[key], failing the test when it is missing. */
export function get<T>(record: Partial<Record<string, T>>, key: string): T {
  const value = record[key];
  if (value === undefined) throw new Error(`expected ${JSON.stringify(key)} in ${JSON.stringify(Object.keys(record))}`);
  return value;
}

/**
 * FailedScheduling's second part in v1.36: the DynamicResources PostFilter's "no new claims to deallocate", then
 * DefaultPreemption's "preemption: " + FitError (preemption.go Evaluator.Preempt), joined with ", " by
 * RunPostFilterPlugins. `parts` are the hand-counted "<n> <reason>" entries, already in sort.Strings order.
 */
export function preemptionSentence(total: number, parts: string[]): string {
  return ` no new claims to deallocate, preemption: 0/${total} nodes are available: ${parts.join(', ')}.`;
}
/** SelectVictimsOnNode when no pod on the node has a lower priority. */
export const NO_VICTIMS = 'No preemption victims found for incoming pod';
/** nodesWherePreemptionMightHelp: the node's filter status was UnschedulableAndUnresolvable. */
export const NOT_HELPFUL = 'Preemption is not helpful for scheduling';
