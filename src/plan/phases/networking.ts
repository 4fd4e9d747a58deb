/**
 * Phase 4: Services → EndpointSlices (the endpoints of every selecting Service, from the scheduled planned pods
 * and the running pods) and Ingresses → backends.
 */
import type { Finding, Manifest } from '../../core/types.js';
import { str } from '../../core/values.js';
import type { ClusterModel } from '../cluster.js';
import { planIngresses } from '../ingress.js';
import type { PlannedPod } from '../pod.js';
import type { PlanResult } from '../result.js';
import { resolveEndpoints, type EndpointPod, type ServiceModel } from '../services.js';

export interface NetworkingInput {
  services: ServiceModel[];
  pods: PlannedPod[];
  cluster: ClusterModel;
  ingresses: Manifest[];
  ingressClasses: Manifest[];
  defaultNamespace: string;
  findings: Finding[];
}

export function resolveNetworking(input: NetworkingInput): PlanResult['ingresses'] {
  const endpointPods: EndpointPod[] = [];
  for (const p of input.pods) {
    if (p.node === null) continue;
    endpointPods.push({
      name: p.name,
      namespace: p.namespace,
      labels: p.labels,
      node: p.node,
      spec: p.spec,
      hostname: p.hostname,
      subdomain: p.subdomain,
    });
  }
  for (const p of input.cluster.pods)
    endpointPods.push({
      name: p.name,
      namespace: p.namespace,
      labels: p.labels,
      node: p.nodeName,
      spec: p.spec,
      hostname: str(p.spec.hostname),
      subdomain: str(p.spec.subdomain),
    });
  resolveEndpoints(input.services, endpointPods, input.findings);
  return planIngresses(input.ingresses, input.ingressClasses, input.services, input.defaultNamespace, input.findings);
}
