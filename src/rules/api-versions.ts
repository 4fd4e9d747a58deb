/** Objects whose apiVersion the target Kubernetes release deprecates or no longer serves (src/k8s/api-versions.ts knows which). */
import { apiVersionStatus, describeApiVersionStatus, type ApiVersionState } from '../k8s/api-versions.js';
import type { RuleContext } from './types.js';

/** Reports, at its apiVersion, every object whose apiVersion is `state` for `options.kubeVersion`, naming the replacement. */
export function reportApiVersionState(context: RuleContext, state: Exclude<ApiVersionState, 'ok'>): void {
  for (const manifest of context.manifests) {
    const { apiVersion, kind } = manifest.ref;
    if (apiVersion === undefined || kind === undefined) continue;
    const status = apiVersionStatus(apiVersion, kind, context.options.kubeVersion);
    if (status.status !== state) continue;
    context.report({ manifest, path: ['apiVersion'], message: describeApiVersionStatus(apiVersion, kind, status) });
  }
}
