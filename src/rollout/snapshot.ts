/**
 * A Deployment's starting state from the --cluster snapshot (`kubectl get deploy,rs,pods -o yaml`): its
 * ReplicaSets — those whose controller ownerReference names the Deployment — with spec.replicas, the
 * pod-template-hash label and the desired-replicas / max-replicas annotations, oldest first
 * (creationTimestamp, then name). A plan can so start in the middle of a rollout.
 */
import { compareStrings } from '../core/compare.js';
import type { Manifest } from '../core/types.js';
import { isObj, nonNegInt, obj, str } from '../core/values.js';
import { namespaceOf } from '../k8s/defaults.js';
import { isKind } from '../k8s/kinds.js';
import type { StartingReplicaSet } from './deployment.js';

const annotationInt = (annotations: Record<string, unknown>, key: string): number | undefined => {
  const v = annotations[key];
  return typeof v === 'string' && /^[0-9]{1,9}$/.test(v) ? Number(v) : undefined;
};

/** The controlling Deployment of a ReplicaSet or the controlling ReplicaSet of a Pod (ownerReferences, controller: true). */
export function controllerOf(object: Record<string, unknown>, kind: string): string | undefined {
  const refs = obj(object.metadata).ownerReferences;
  if (!Array.isArray(refs)) return undefined;
  const ref = refs.find((r) => isObj(r) && r.controller === true && r.kind === kind);
  return isObj(ref) ? str(ref.name) : undefined;
}

export function startingReplicaSets(
  snapshot: readonly Manifest[],
  namespace: string,
  deployment: string,
  defaultNamespace: string,
): StartingReplicaSet[] {
  const found: Array<StartingReplicaSet & { created: string }> = [];
  for (const m of snapshot) {
    if (!isKind(m, 'ReplicaSet') || namespaceOf(m.object, defaultNamespace) !== namespace) continue;
    if (controllerOf(m.object, 'Deployment') !== deployment) continue;
    const meta = obj(m.object.metadata);
    const spec = obj(m.object.spec);
    const name = str(meta.name);
    const hash = str(obj(meta.labels)['pod-template-hash']);
    const replicas = nonNegInt(spec.replicas ?? 1);
    if (!name || !hash || replicas === undefined || !isObj(spec.template)) continue;
    const annotations = obj(meta.annotations);
    const desired = annotationInt(annotations, 'deployment.kubernetes.io/desired-replicas');
    const maxReplicas = annotationInt(annotations, 'deployment.kubernetes.io/max-replicas');
    // The ReplicaSet's template carries the pod-template-hash label the Deployment's does not: drop it so the
    // template compares equal to the Deployment's (EqualIgnoreHash).
    const template = structuredClone(spec.template) as Record<string, unknown>;
    const labels = obj(obj(template.metadata).labels);
    delete labels['pod-template-hash'];
    found.push({
      name,
      hash,
      template,
      replicas,
      created: str(meta.creationTimestamp) ?? '',
      ...(desired !== undefined ? { desired } : {}),
      ...(maxReplicas !== undefined ? { maxReplicas } : {}),
    });
  }
  found.sort((a, b) => compareStrings(a.created, b.created) || compareStrings(a.name, b.name));
  return found.map(({ created: _created, ...rs }) => rs);
}
