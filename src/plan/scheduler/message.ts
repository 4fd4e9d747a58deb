/**
 * kube-scheduler's FailedScheduling text (framework.FitError.Error): "0/N nodes are available: " then a
 * histogram of per-node reasons, each "<count> <reason>", sorted as strings (Go sort.Strings) and joined with
 * ", ", ending with ".". kubeplan models no preemption, so the "preemption: …" sentence is not appended.
 */
import { compareStrings } from '../../core/compare.js';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export function fitErrorMessage(
  numAllNodes: number,
  nodeReasons: Iterable<string[]>,
  preFilterMessage?: string,
): string {
  let message = `0/${numAllNodes} nodes are available:`;
  if (preFilterMessage) return `${message} ${preFilterMessage}.`;
  const histogram = new Map<string, number>();
  for (const reasons of nodeReasons) for (const r of reasons) histogram.set(r, (histogram.get(r) ?? 0) + 1);
  const parts = [...histogram].map(([reason, count]) => `${count} ${reason}`).sort(compareStrings);
  if (parts.length > 0) message += ` ${parts.join(', ')}.`;
  return message;
}
