/**
 * Deployment controller, first rollout (pkg/controller/deployment/sync.go getNewReplicaSet):
 * ReplicaSet `<deployment>-<pod-template-hash>` with hash = ComputeHash(template, status.collisionCount),
 * spec.replicas = NewRSNewReplicas (= spec.replicas when there is no old ReplicaSet), the selector and pod
 * labels gaining `pod-template-hash`; the ReplicaSet controller then creates pods `<rs>-<5 chars>`.
 * A paused Deployment runs only sync(), which creates no ReplicaSet.
 */
import type { Manifest } from '../../core/types.js';
import { POD_TEMPLATE_HASH } from '../../k8s/controller-labels.js';
import { defaultDeployment } from '../../k8s/defaults.js';
import { computeHash } from '../../k8s/pod-template-hash.js';
import { nonNegInt, obj, str, type Obj } from '../../core/values.js';
import { checkTemplate, identity, makePod, replicasOf, selectorWith } from './common.js';
import type { ExpandContext, Expansion } from './context.js';

export { POD_TEMPLATE_HASH };

/** The new ReplicaSet a Deployment would create: name, hash and the labels its pods carry. */
export function newReplicaSetName(
  deploymentName: string,
  template: Obj,
  collisionCount?: number,
): { name: string; hash: string } {
  const hash = computeHash(template, collisionCount);
  return { name: `${deploymentName}-${hash}`, hash };
}

export function expandDeployment(ctx: ExpandContext, m: Manifest): Expansion | null {
  const id = identity(ctx, m);
  if (!id) return null;
  const d = defaultDeployment(m.object);
  const spec = d.spec as Obj;
  const replicas = replicasOf(ctx, m, spec.replicas, ['spec', 'replicas']);
  if (replicas === null) return null;
  const strategy = str(obj(spec.strategy).type);
  if (strategy !== 'RollingUpdate' && strategy !== 'Recreate') {
    ctx.skip(
      m,
      ['spec', 'strategy', 'type'],
      `Deployment ${id.name}: strategy.type must be RollingUpdate or Recreate; it is not planned`,
    );
    return null;
  }
  const checked = checkTemplate(ctx, m, ['spec', 'template'], obj(m.object.spec).template, id, {
    selector: { path: ['spec', 'selector'], value: obj(m.object.spec).selector, required: true },
  });
  if (!checked) return null;
  const collisionCount = nonNegInt(obj(m.object.status).collisionCount);
  const { name: rsName, hash } = newReplicaSetName(id.name, checked.template, collisionCount);
  const notes = [
    `strategy ${strategy}${strategy === 'RollingUpdate' ? ` (maxSurge ${String(obj(obj(spec.strategy).rollingUpdate).maxSurge)}, maxUnavailable ${String(obj(obj(spec.strategy).rollingUpdate).maxUnavailable)})` : ''}`,
    ...checked.notes,
  ];
  const report = {
    kind: 'Deployment',
    namespace: id.namespace,
    name: id.name,
    replicas,
    replicaSets: [] as Array<{ name: string; replicas: number }>,
    pods: [] as string[],
    notes,
  };
  if (spec.paused === true) {
    notes.push('paused: no ReplicaSet is created until it is resumed');
    return { report, pods: [], claims: [] };
  }
  report.replicaSets.push({ name: rsName, replicas });
  const ownerSelector = selectorWith(checked.selector, { [POD_TEMPLATE_HASH]: hash });
  const pods = [];
  for (let i = 0; i < replicas; i++) {
    const name = ctx.names.generate(id.namespace, `${rsName}-`);
    pods.push(
      makePod(ctx, {
        m,
        specPath: ['spec', 'template', 'spec'],
        checked,
        name,
        namespace: id.namespace,
        owner: { kind: 'ReplicaSet', name: rsName },
        workload: { kind: 'Deployment', name: id.name },
        extraLabels: { [POD_TEMPLATE_HASH]: hash },
        ownerSelector,
      }),
    );
  }
  report.pods = pods.map((p) => p.name);
  return { report, pods, claims: [] };
}
