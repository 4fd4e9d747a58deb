/**
 * Checks shared by every controller, mirroring the API server's validation of the fields the planner needs:
 * a name, a pod template with containers, string labels, a selector that selects the template, valid
 * quantities and scheduling fields. Anything else is left to the linter.
 */
import type { JsonPath, Manifest } from '../../core/types.js';
import { defaultPodRequestsFromLimits, defaultPodTemplate, namespaceOf } from '../../k8s/defaults.js';
import { compileLabelSelector, type Selector } from '../../k8s/label-selector.js';
import { podFromTemplate, type OwnerRef, type PlannedPod } from '../pod.js';
import { buildSchedPod } from '../scheduler/pod-info.js';
import { clone, isObj, nonStringEntries, obj, str, sortedStringMap, type Obj } from '../../core/values.js';
import type { ExpandContext } from './context.js';
import { admitRuntimeClass } from './runtime-class.js';
import { dropDisabledPodFields, droppedFieldNote } from '../../k8s/disabled-fields.js';

export interface Identity {
  name: string;
  namespace: string;
}

/** metadata.name must be a non-empty string. */
export function identity(ctx: ExpandContext, m: Manifest): Identity | null {
  const name = str(obj(m.object.metadata).name);
  if (!name) {
    ctx.skip(
      m,
      isObj(m.object.metadata) ? ['metadata'] : [],
      `${String(m.object.kind)} has no metadata.name; it is not planned`,
    );
    return null;
  }
  return { name, namespace: namespaceOf(m.object, ctx.defaultNamespace) };
}

/** spec.replicas after defaulting: a non-negative integer. */
export function replicasOf(ctx: ExpandContext, m: Manifest, value: unknown, path: JsonPath): number | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0)
    return ctx.claimPods(m, path, value) ? value : null;
  ctx.skip(
    m,
    path,
    `${path.join('.')} must be a non-negative integer, not ${JSON.stringify(value)}; ${String(m.object.kind)} ${String(m.ref.name)} is not planned`,
  );
  return null;
}

export interface CheckedTemplate {
  /** The defaulted template (with RuntimeClass overhead applied). */
  template: Obj;
  priority: number;
  /** The controller's selector (null when the kind has none to check). */
  selector: Selector | null;
  notes: string[];
}

export interface TemplateOptions {
  /** Where the workload's selector is and whether apps/v1 requires it. */
  selector?: { path: JsonPath; value: unknown; required: boolean };
  /** Job templates must say restartPolicy Never or OnFailure. */
  jobRestartPolicy?: boolean;
}

/** Validates spec.template (at `path`) and resolves what pods created from it need. */
export function checkTemplate(
  ctx: ExpandContext,
  m: Manifest,
  path: JsonPath,
  raw: unknown,
  id: Identity,
  options: TemplateOptions = {},
): CheckedTemplate | null {
  const what = `${String(m.object.kind)} ${id.name}`;
  if (!isObj(raw)) {
    ctx.skip(m, path.slice(0, -1), `${what} has no pod template (${path.join('.')}); it is not planned`);
    return null;
  }
  const rawSpec = raw.spec;
  if (!isObj(rawSpec)) {
    ctx.skip(m, path, `${what}: ${[...path, 'spec'].join('.')} is missing; it is not planned`);
    return null;
  }
  if (!Array.isArray(rawSpec.containers) || rawSpec.containers.length === 0) {
    ctx.skip(m, [...path, 'spec'], `${what}: the pod template has no containers; it is not planned`);
    return null;
  }
  for (const list of ['initContainers', 'containers'] as const) {
    const items = rawSpec[list];
    if (items === undefined || items === null) continue;
    if (!Array.isArray(items)) {
      ctx.skip(m, [...path, 'spec', list], `${what}: ${list} is not a list; it is not planned`);
      return null;
    }
    for (const [i, c] of items.entries()) {
      if (!isObj(c) || typeof c.name !== 'string' || c.name === '') {
        ctx.skip(m, [...path, 'spec', list, i], `${what}: ${list}[${i}] needs a name; it is not planned`);
        return null;
      }
      if (typeof c.image !== 'string' || c.image === '') {
        ctx.skip(m, [...path, 'spec', list, i], `${what}: ${list}[${i}] (${c.name}) needs an image; it is not planned`);
        return null;
      }
    }
  }
  const meta = raw.metadata;
  if (meta !== undefined && meta !== null && !isObj(meta)) {
    ctx.skip(m, [...path, 'metadata'], `${what}: template metadata is not a mapping; it is not planned`);
    return null;
  }
  const [badLabel] = nonStringEntries(obj(meta).labels);
  if (badLabel !== undefined) {
    ctx.skip(
      m,
      [...path, 'metadata', 'labels', badLabel],
      `${what}: label ${badLabel} must be a string (quote it); it is not planned`,
    );
    return null;
  }
  if (options.jobRestartPolicy && rawSpec.restartPolicy !== 'Never' && rawSpec.restartPolicy !== 'OnFailure') {
    ctx.skip(
      m,
      [...path, 'spec', isObj(rawSpec) && 'restartPolicy' in rawSpec ? 'restartPolicy' : 'containers'],
      `${what}: a Job's pod template needs restartPolicy Never or OnFailure; it is not planned`,
    );
    return null;
  }

  const labels = sortedStringMap(obj(meta).labels);
  let selector: Selector | null = null;
  if (options.selector) {
    const { path: selPath, value, required } = options.selector;
    if (value === undefined || value === null) {
      if (required) {
        ctx.skip(
          m,
          selPath.slice(0, -1),
          `${what} has no ${selPath.join('.')} (required in apps/v1); it is not planned`,
        );
        return null;
      }
    } else {
      const compiled = compileLabelSelector(value);
      if (!compiled.ok) {
        ctx.skip(m, selPath, `${what}: invalid selector (${compiled.error}); it is not planned`);
        return null;
      }
      if (compiled.selector.requirements.length === 0) {
        ctx.skip(m, selPath, `${what}: an empty selector is not allowed; it is not planned`);
        return null;
      }
      if (!compiled.selector.matches(labels)) {
        ctx.skip(
          m,
          selPath,
          `${what}: selector \`${compiled.selector.text}\` does not match the template labels; the API server rejects it`,
        );
        return null;
      }
      selector = compiled.selector;
    }
  }

  const template = defaultPodTemplate(raw);
  const spec = template.spec as Obj;
  const notes: string[] = [];
  for (const field of dropDisabledPodFields(spec, ctx.kubeVersion))
    notes.push(droppedFieldNote(field, ctx.kubeVersion));
  const runtime = ctx.runtimeClassOf(str(spec.runtimeClassName));
  if ('error' in runtime) notes.push(runtime.error);
  else {
    const rejection = admitRuntimeClass(spec, runtime.runtimeClass);
    if (rejection !== null) {
      const at = runtime.runtimeClass ? ['spec', 'runtimeClassName'] : ['spec', 'overhead'];
      ctx.skip(
        m,
        [...path, ...at],
        `${what}: the API server forbids its pods (RuntimeClass admission: ${rejection}); no pod is created`,
      );
      return null;
    }
  }

  const schedulerName = str(spec.schedulerName);
  if (schedulerName && schedulerName !== 'default-scheduler')
    notes.push(`schedulerName ${schedulerName}: planned with the default scheduler's profile`);
  const priority = ctx.priorityOf(str(spec.priorityClassName));
  let priorityValue = 0;
  if ('error' in priority) notes.push(priority.error);
  else priorityValue = priority.value;

  // A trial pod: every malformed quantity, toleration, affinity or spread constraint surfaces here.
  const trialSpec = clone(spec);
  defaultPodRequestsFromLimits(trialSpec);
  const { problems } = buildSchedPod({ name: id.name, namespace: id.namespace, labels, spec: trialSpec });
  const [p] = problems;
  if (p) {
    ctx.skip(m, [...path, 'spec', ...p.path], `${what}: ${p.message}; it is not planned`);
    return null;
  }
  return { template, priority: priorityValue, selector, notes };
}

export interface MakePod {
  m: Manifest;
  specPath: JsonPath;
  checked: CheckedTemplate;
  name: string;
  namespace: string;
  owner: OwnerRef | null;
  workload: OwnerRef;
  extraLabels?: Record<string, string>;
  extraAnnotations?: Record<string, string>;
  ownerSelector: Selector | null;
  /** Controller-specific spec changes (StatefulSet identity and volumes, DaemonSet pinning). */
  mutate?: (spec: Obj) => void;
  hostname?: string;
  subdomain?: string;
  dns?: string;
  /** OrderedReady: the previous ordinal's pod (PlannedPod.waitsFor). */
  waitsFor?: string;
}

export function makePod(ctx: ExpandContext, a: MakePod): PlannedPod {
  const { labels, annotations, spec } = podFromTemplate({
    template: a.checked.template,
    name: a.name,
    namespace: a.namespace,
    extraLabels: a.extraLabels,
    extraAnnotations: a.extraAnnotations,
    sharedSpec: a.mutate === undefined, // one spec object per template unless this controller edits it
  });
  a.mutate?.(spec);
  return {
    name: a.name,
    namespace: a.namespace,
    labels,
    annotations,
    owner: a.owner,
    workload: a.workload,
    spec,
    priority: a.checked.priority,
    order: ctx.nextOrder(),
    ...(a.hostname !== undefined ? { hostname: a.hostname } : {}),
    ...(a.subdomain !== undefined ? { subdomain: a.subdomain } : {}),
    ...(a.dns !== undefined ? { dns: a.dns } : {}),
    ...(a.waitsFor !== undefined ? { waitsFor: a.waitsFor } : {}),
    manifest: a.m,
    specPath: a.specPath,
    ownerSelector: a.ownerSelector,
    node: null,
  };
}

/** A selector plus extra equality requirements (the ReplicaSet's selector gains pod-template-hash). */
export function selectorWith(selector: Selector | null, extra: Record<string, string>): Selector | null {
  if (!selector) return null;
  const compiled = compileLabelSelector({
    matchExpressions: [
      ...selector.requirements.map((r) => ({ key: r.key, operator: r.operator, values: r.values })),
      ...Object.entries(extra).map(([key, v]) => ({ key, operator: 'In', values: [v] })),
    ],
  });
  return compiled.ok ? compiled.selector : selector;
}
