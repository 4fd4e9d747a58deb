/**
 * kube-scheduler's FailedScheduling text (kubernetes v1.30 pkg/scheduler/framework/types.go FitError.Error):
 * "0/N nodes are available: " then a histogram of per-node reasons, each "<count> <reason>", sorted as strings
 * (Go sort.Strings) and joined with ", ", ending with ".". When PreFilter rejected the pod, its message stands
 * alone. kubeplan models no preemption, so the "preemption: …" sentence is not appended.
 */
import { compareStrings } from '../../core/compare.js';
import type { Diagnosis } from './framework.js';

export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/** One "<count> <reason>" part of the message, with the status data behind it. */
export interface ReasonCount {
  text: string;
  reason: string;
  count: number;
  plugin: string;
  /** NodeResourcesFit: the resource the reason is about. */
  resourceName?: string;
}

/** The per-node reasons counted, in the message's order (sorted as strings). Empty after a PreFilter rejection. */
export function reasonHistogram(diagnosis: Diagnosis): ReasonCount[] {
  if (diagnosis.preFilterStatus) return [];
  const histogram = new Map<string, ReasonCount>();
  for (const status of diagnosis.nodeToStatus.values()) {
    for (const reason of status.reasons) {
      const entry = histogram.get(reason);
      if (entry) entry.count++;
      else {
        const resourceName = status.insufficient?.find((r) => r.reason === reason)?.resourceName;
        histogram.set(reason, {
          text: '',
          reason,
          count: 1,
          plugin: status.plugin,
          ...(resourceName !== undefined ? { resourceName } : {}),
        });
      }
    }
  }
  const parts = [...histogram.values()];
  for (const p of parts) p.text = `${p.count} ${p.reason}`;
  return parts.sort((a, b) => compareStrings(a.text, b.text));
}

export function fitErrorMessage(diagnosis: Diagnosis): string {
  const message = `0/${diagnosis.numAllNodes} nodes are available:`;
  const preFilter = diagnosis.preFilterStatus;
  if (preFilter) return `${message} ${preFilter.reasons.join(', ')}.`;
  const parts = reasonHistogram(diagnosis).map((p) => p.text);
  return parts.length > 0 ? `${message} ${parts.join(', ')}.` : message;
}

/** The first resource the message names as insufficient ("Too many pods" is not a resource request). */
export function firstInsufficientResource(diagnosis: Diagnosis): string | undefined {
  for (const part of reasonHistogram(diagnosis))
    if (part.resourceName !== undefined && part.resourceName !== 'pods') return part.resourceName;
  return undefined;
}
