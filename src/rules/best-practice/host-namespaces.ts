/** The pod-level switches that share a host namespace with the pod. */
import type { RuleContext } from '../types.js';
import { podTemplatesOf } from '../workloads.js';

export type HostNamespaceField = 'hostNetwork' | 'hostPID' | 'hostIPC';

/** Reports every pod spec that sets `field: true`, at the value. */
export function reportHostNamespace(context: RuleContext, field: HostNamespaceField, consequence: string): void {
  for (const pod of podTemplatesOf(context.manifests, { openShift: true })) {
    if (pod.spec[field] !== true) continue;
    context.report({
      manifest: pod.manifest,
      path: [...pod.specPath, field],
      message: `${field}: true ${consequence}`,
    });
  }
}
