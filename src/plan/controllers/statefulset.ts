/**
 * StatefulSet controller (pkg/controller/statefulset/stateful_set_utils.go): pods `<set>-<ordinal>` for ordinals
 * spec.ordinals.start … start+replicas−1, each with hostname = pod name and subdomain = spec.serviceName
 * (DNS `<pod>.<service>.<ns>.svc.cluster.local`), labels controller-revision-hash (`<set>-<revision hash>`),
 * statefulset.kubernetes.io/pod-name and apps.kubernetes.io/pod-index, and one PVC per volumeClaimTemplate named
 * `<claim>-<set>-<ordinal>` mounted in place of the template's volume. OrderedReady creates the pods in ordinal
 * order, each only once the previous one is Running and Ready (kubernetes v1.36
 * pkg/controller/statefulset/stateful_set_control.go, processReplica: a pod that is not Running and Ready stops
 * the monotonic loop), so each pod here `waitsFor` the previous ordinal and is not created when that one stays
 * Pending; Parallel creates them all at once.
 */
import type { Manifest } from '../../core/types.js';
import { CONTROLLER_REVISION_HASH, POD_INDEX, STATEFULSET_POD_NAME } from '../../k8s/controller-labels.js';
import { defaultStatefulSet } from '../../k8s/defaults.js';
import { controllerRevisionHash } from '../../k8s/pod-template-hash.js';
import { arr, isObj, nonNegInt, obj, objItems, str, type Obj } from '../../core/values.js';
import { checkTemplate, identity, makePod, replicasOf } from './common.js';
import type { ExpandContext, Expansion, VolumeClaimReport } from './context.js';

export const CLUSTER_DOMAIN = 'cluster.local';

export function statefulSetPodName(set: string, ordinal: number): string {
  return `${set}-${ordinal}`;
}

export function claimName(claim: string, set: string, ordinal: number): string {
  return `${claim}-${set}-${ordinal}`;
}

export function expandStatefulSet(ctx: ExpandContext, m: Manifest): Expansion | null {
  const id = identity(ctx, m);
  if (!id) return null;
  const s = defaultStatefulSet(m.object);
  const spec = s.spec as Obj;
  const replicas = replicasOf(ctx, m, spec.replicas, ['spec', 'replicas']);
  if (replicas === null) return null;
  const ordinals = spec.ordinals;
  let start = 0;
  if (ordinals !== undefined && ordinals !== null) {
    const value = obj(ordinals).start;
    if (value !== undefined && nonNegInt(value) === undefined) {
      ctx.skip(
        m,
        ['spec', 'ordinals', 'start'],
        `StatefulSet ${id.name}: ordinals.start must be a non-negative integer; it is not planned`,
      );
      return null;
    }
    start = nonNegInt(value) ?? 0;
  }
  const policy = str(spec.podManagementPolicy);
  if (policy !== 'OrderedReady' && policy !== 'Parallel') {
    ctx.skip(
      m,
      ['spec', 'podManagementPolicy'],
      `StatefulSet ${id.name}: podManagementPolicy must be OrderedReady or Parallel; it is not planned`,
    );
    return null;
  }
  const rawSpec = obj(m.object.spec);
  const checked = checkTemplate(ctx, m, ['spec', 'template'], rawSpec.template, id, {
    selector: { path: ['spec', 'selector'], value: rawSpec.selector, required: true },
  });
  if (!checked) return null;

  const claimTemplates: Array<{ name: string; spec: Obj; labels: Record<string, string> }> = [];
  for (const { item, index } of objItems(spec.volumeClaimTemplates)) {
    const name = str(obj(item.metadata).name);
    if (!name) {
      ctx.skip(
        m,
        ['spec', 'volumeClaimTemplates', index],
        `StatefulSet ${id.name}: volumeClaimTemplates[${index}] has no metadata.name; it is not planned`,
      );
      return null;
    }
    claimTemplates.push({ name, spec: obj(item.spec), labels: {} });
  }
  if (spec.volumeClaimTemplates !== undefined && !Array.isArray(spec.volumeClaimTemplates)) {
    ctx.skip(
      m,
      ['spec', 'volumeClaimTemplates'],
      `StatefulSet ${id.name}: volumeClaimTemplates must be a list; it is not planned`,
    );
    return null;
  }

  const serviceName = str(spec.serviceName) || undefined;
  const revision = `${id.name}-${controllerRevisionHash(checked.template, nonNegInt(obj(m.object.status).collisionCount))}`;
  const strategy = obj(spec.updateStrategy);
  const notes = [
    `podManagementPolicy ${policy}${policy === 'OrderedReady' ? ' (pods are created one at a time, each after the previous is Running and Ready)' : ''}`,
    `updateStrategy ${String(strategy.type)}${strategy.type === 'RollingUpdate' ? ` (partition ${String(obj(strategy.rollingUpdate).partition)})` : ''}`,
    ...checked.notes,
  ];
  if (!serviceName) notes.push('no serviceName: pods get no per-pod DNS names');
  const pods = [];
  const claims: VolumeClaimReport[] = [];
  for (let ordinal = start; ordinal < start + replicas; ordinal++) {
    const name = statefulSetPodName(id.name, ordinal);
    ctx.names.reserve(id.namespace, name);
    const podClaims = claimTemplates.map((t) => ({ volume: t.name, claim: claimName(t.name, id.name, ordinal) }));
    for (const t of claimTemplates) {
      const request = obj(obj(t.spec.resources).requests).storage;
      claims.push({
        name: claimName(t.name, id.name, ordinal),
        namespace: id.namespace,
        owner: { kind: 'StatefulSet', name: id.name },
        storageClassName: str(t.spec.storageClassName) ?? null,
        storage: typeof request === 'string' || typeof request === 'number' ? String(request) : null,
        accessModes: arr(t.spec.accessModes).filter((a): a is string => typeof a === 'string'),
      });
    }
    pods.push(
      makePod(ctx, {
        m,
        specPath: ['spec', 'template', 'spec'],
        checked,
        name,
        namespace: id.namespace,
        owner: { kind: 'StatefulSet', name: id.name },
        workload: { kind: 'StatefulSet', name: id.name },
        extraLabels: {
          [POD_INDEX]: String(ordinal),
          [CONTROLLER_REVISION_HASH]: revision,
          [STATEFULSET_POD_NAME]: name,
        },
        ownerSelector: checked.selector,
        ...(policy === 'OrderedReady' && ordinal > start ? { waitsFor: statefulSetPodName(id.name, ordinal - 1) } : {}),
        hostname: name,
        ...(serviceName
          ? { subdomain: serviceName, dns: `${name}.${serviceName}.${id.namespace}.svc.${CLUSTER_DOMAIN}` }
          : {}),
        mutate: (podSpec) => {
          // initIdentity / updateStorage
          podSpec.hostname = name;
          if (serviceName) podSpec.subdomain = serviceName;
          const volumes = Array.isArray(podSpec.volumes)
            ? podSpec.volumes.filter((v) => !(isObj(v) && podClaims.some((c) => c.volume === v.name)))
            : [];
          for (const c of podClaims) volumes.push({ name: c.volume, persistentVolumeClaim: { claimName: c.claim } });
          if (volumes.length > 0) podSpec.volumes = volumes;
        },
      }),
    );
  }
  return {
    report: {
      kind: 'StatefulSet',
      namespace: id.namespace,
      name: id.name,
      replicas,
      replicaSets: [],
      pods: pods.map((p) => p.name),
      notes,
      ...(serviceName ? { serviceName } : {}),
    },
    pods,
    claims,
  };
}
