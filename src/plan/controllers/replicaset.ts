/**
 * ReplicaSet and ReplicationController controllers (pkg/controller/replicaset): spec.replicas pods named
 * `<name>-<5 chars>` with the template's labels. A ReplicationController's selector is a plain map and
 * defaults to the template labels.
 */
import type { Manifest } from '../../core/types.js';
import { defaultReplicaSet } from '../../k8s/defaults.js';
import { isObj, obj, type Obj } from '../../core/values.js';
import { checkTemplate, identity, makePod, replicasOf } from './common.js';
import type { ExpandContext, Expansion } from './context.js';

export function expandReplicaSet(ctx: ExpandContext, m: Manifest): Expansion | null {
  const kind = String(m.object.kind);
  const id = identity(ctx, m);
  if (!id) return null;
  const r = defaultReplicaSet(m.object);
  const spec = r.spec as Obj;
  const replicas = replicasOf(ctx, m, spec.replicas, ['spec', 'replicas']);
  if (replicas === null) return null;
  const rawSpec = obj(m.object.spec);
  let selectorValue: unknown = rawSpec.selector;
  if (kind === 'ReplicationController') {
    // RC selectors are maps; SetDefaults_ReplicationController copies the template labels when it is empty.
    const map =
      isObj(rawSpec.selector) && Object.keys(rawSpec.selector).length > 0
        ? rawSpec.selector
        : obj(obj(obj(rawSpec.template).metadata).labels);
    selectorValue = { matchLabels: map };
  }
  const checked = checkTemplate(ctx, m, ['spec', 'template'], rawSpec.template, id, {
    selector: { path: ['spec', 'selector'], value: selectorValue, required: true },
  });
  if (!checked) return null;
  const pods = [];
  for (let i = 0; i < replicas; i++) {
    pods.push(
      makePod(ctx, {
        m,
        specPath: ['spec', 'template', 'spec'],
        checked,
        name: ctx.names.generate(id.namespace, `${id.name}-`),
        namespace: id.namespace,
        owner: { kind, name: id.name },
        workload: { kind, name: id.name },
        ownerSelector: checked.selector,
      }),
    );
  }
  return {
    report: {
      kind,
      namespace: id.namespace,
      name: id.name,
      replicas,
      replicaSets: [],
      pods: pods.map((p) => p.name),
      notes: checked.notes,
    },
    pods,
    claims: [],
  };
}
