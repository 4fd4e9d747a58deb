/**
 * Bare Pods: named by metadata.name, or metadata.generateName + 5 characters. A pod with spec.nodeName set is
 * not scheduled: the kubelet of that node admits it (or rejects it) directly.
 */
import type { Manifest } from '../../core/types.js';
import { namespaceOf } from '../../k8s/defaults.js';
import { obj, str } from '../../core/values.js';
import { checkTemplate, makePod } from './common.js';
import type { ExpandContext, Expansion } from './context.js';

export function expandPod(ctx: ExpandContext, m: Manifest): Expansion | null {
  const meta = obj(m.object.metadata);
  const namespace = namespaceOf(m.object, ctx.defaultNamespace);
  const given = str(meta.name);
  const generateName = str(meta.generateName);
  if (!given && !generateName) {
    ctx.skip(m, ['metadata'], 'Pod has neither metadata.name nor metadata.generateName; it is not planned');
    return null;
  }
  const id = { name: given ?? `${generateName}`, namespace };
  // A Pod is its own template: { metadata, spec }.
  const checked = checkTemplate(ctx, m, [], { metadata: m.object.metadata, spec: m.object.spec }, id);
  if (!checked) return null;
  const name = given ?? ctx.names.generate(namespace, generateName!);
  if (given) ctx.names.reserve(namespace, given);
  const pod = makePod(ctx, {
    m,
    specPath: ['spec'],
    checked,
    name,
    namespace,
    owner: null,
    workload: { kind: 'Pod', name },
    ownerSelector: null,
    ...(str(obj(m.object.spec).hostname) ? { hostname: str(obj(m.object.spec).hostname) } : {}),
  });
  return {
    report: { kind: 'Pod', namespace, name, replicas: 1, replicaSets: [], pods: [name], notes: checked.notes },
    pods: [pod],
    claims: [],
  };
}
