/**
 * DaemonSet controller (pkg/controller/daemon): one pod per node that should run it (NodeShouldRunDaemonPod:
 * spec.nodeName, the template's nodeSelector and required node affinity, and no untolerated NoSchedule/NoExecute
 * taint once the controller's own tolerations are added). Each pod is pinned to its node with a required node
 * affinity `metadata.name In [<node>]` and still goes through the scheduler, which may leave it Pending for lack
 * of room. Labels: controller-revision-hash and pod-template-generation.
 */
import type { Manifest } from '../../core/types.js';
import { CONTROLLER_REVISION_HASH, POD_TEMPLATE_GENERATION } from '../../k8s/controller-labels.js';
import { defaultDaemonSet } from '../../k8s/defaults.js';
import { controllerRevisionHash } from '../../k8s/pod-template-hash.js';
import { compileNodeSelector } from '../node-selector.js';
import { doNotScheduleTaint, firstUntoleratedTaint, parseTolerations } from '../scheduler/pod-info.js';
import type { SchedNode, Toleration } from '../scheduler/types.js';
import { clone, isObj, nonNegInt, obj, str, sortedStringMap, type Obj } from '../../core/values.js';
import { checkTemplate, identity, makePod } from './common.js';
import type { ExpandContext, Expansion } from './context.js';

/** util.AddOrUpdateDaemonPodTolerations: what every DaemonSet pod tolerates. */
export function daemonSetTolerations(hostNetwork: boolean): Toleration[] {
  const t: Toleration[] = [
    { key: 'node.kubernetes.io/not-ready', operator: 'Exists', value: '', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/unreachable', operator: 'Exists', value: '', effect: 'NoExecute' },
    { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', value: '', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', value: '', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', value: '', effect: 'NoSchedule' },
    { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', value: '', effect: 'NoSchedule' },
  ];
  if (hostNetwork)
    t.push({ key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', value: '', effect: 'NoSchedule' });
  return t;
}

/** AddOrUpdateTolerationInPodSpec for each controller toleration (an equal key/effect/operator one is not repeated). */
export function addTolerations(spec: Obj): Toleration[] {
  const existing = Array.isArray(spec.tolerations) ? spec.tolerations : [];
  const parsed = parseTolerations(existing);
  const added = daemonSetTolerations(spec.hostNetwork === true).filter(
    (t) => !parsed.some((p) => p.key === t.key && p.effect === t.effect && (p.operator || 'Equal') === t.operator),
  );
  spec.tolerations = [...existing, ...added.map((t) => ({ key: t.key, operator: t.operator, effect: t.effect }))];
  return [...parsed, ...added];
}

/** NodeShouldRunDaemonPod's predicates for the template (after the controller's tolerations are added). */
export function shouldRunOn(spec: Obj, node: SchedNode): boolean {
  const nodeName = str(spec.nodeName);
  if (nodeName && nodeName !== node.name) return false;
  const selector = sortedStringMap(spec.nodeSelector);
  for (const [k, v] of Object.entries(selector)) if (node.labels[k] !== v) return false;
  const required = obj(obj(spec.affinity).nodeAffinity).requiredDuringSchedulingIgnoredDuringExecution;
  if (required !== undefined && required !== null) {
    const compiled = compileNodeSelector(required);
    if (!compiled.ok || !compiled.selector.matches({ name: node.name, labels: node.labels })) return false;
  }
  const tolerations = parseTolerations(spec.tolerations);
  return firstUntoleratedTaint(node.taints, tolerations, doNotScheduleTaint) === null;
}

/** util.ReplaceDaemonSetPodNodeNameNodeAffinity: the required node affinity becomes a single metadata.name pin. */
export function pinToNode(spec: Obj, nodeName: string): void {
  const affinity = isObj(spec.affinity) ? spec.affinity : (spec.affinity = {});
  const nodeAffinity = isObj((affinity as Obj).nodeAffinity)
    ? ((affinity as Obj).nodeAffinity as Obj)
    : ((affinity as Obj).nodeAffinity = {});
  nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = {
    nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [nodeName] }] }],
  };
}

export function expandDaemonSet(ctx: ExpandContext, m: Manifest): Expansion | null {
  const id = identity(ctx, m);
  if (!id) return null;
  const d = defaultDaemonSet(m.object);
  const rawSpec = obj(m.object.spec);
  const checked = checkTemplate(ctx, m, ['spec', 'template'], rawSpec.template, id, {
    selector: { path: ['spec', 'selector'], value: rawSpec.selector, required: true },
  });
  if (!checked) return null;
  const templateSpec = clone(checked.template.spec as Obj);
  addTolerations(templateSpec);
  const hash = controllerRevisionHash(checked.template, nonNegInt(obj(m.object.status).collisionCount));
  const generation = nonNegInt(obj(m.object.metadata).generation) ?? 1;
  const eligible = ctx.nodes.filter((n) => shouldRunOn(templateSpec, n));
  const skipped = ctx.nodes.length - eligible.length;
  const strategy = obj((d.spec as Obj).updateStrategy);
  const notes = [
    `updateStrategy ${String(strategy.type)}`,
    `${eligible.length} of ${ctx.nodes.length} nodes eligible${skipped ? ` (${skipped} excluded by nodeSelector/affinity or untolerated taints)` : ''}`,
    ...checked.notes,
  ];
  const pods = eligible.map((node) =>
    makePod(ctx, {
      m,
      specPath: ['spec', 'template', 'spec'],
      checked,
      name: ctx.names.generate(id.namespace, `${id.name}-`),
      namespace: id.namespace,
      owner: { kind: 'DaemonSet', name: id.name },
      workload: { kind: 'DaemonSet', name: id.name },
      extraLabels: { [CONTROLLER_REVISION_HASH]: hash, [POD_TEMPLATE_GENERATION]: String(generation) },
      ownerSelector: null,
      mutate: (spec) => {
        addTolerations(spec);
        pinToNode(spec, node.name);
      },
    }),
  );
  return {
    report: {
      kind: 'DaemonSet',
      namespace: id.namespace,
      name: id.name,
      replicas: pods.length,
      replicaSets: [],
      pods: pods.map((p) => p.name),
      notes,
    },
    pods,
    claims: [],
  };
}
