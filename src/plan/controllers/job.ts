/**
 * Job controller (pkg/controller/job): at the start min(parallelism, completions) pods are active (parallelism
 * alone for work-queue Jobs, none when suspended). NonIndexed pods are `<job>-<5 chars>`; Indexed pods are
 * `<job>-<index>-<5 chars>` (the Job name cut first when long, podGenerateNameWithIndex) with the completion index as label and annotation and hostname `<job>-<index>`.
 * Labels batch.kubernetes.io/job-name and job-name are set; the controller-uid labels are left out (no UIDs offline).
 */
import type { Manifest } from '../../core/types.js';
import { JOB_COMPLETION_INDEX, JOB_NAME, LEGACY_JOB_NAME } from '../../k8s/controller-labels.js';
import { defaultJob } from '../../k8s/defaults.js';
import { podGenerateNameWithIndex } from '../../k8s/pod-template-hash.js';
import { nonNegInt, obj, type Obj } from '../../core/values.js';
import { checkTemplate, identity, makePod } from './common.js';
import type { ExpandContext, Expansion } from './context.js';

export function expandJob(ctx: ExpandContext, m: Manifest, owner?: { kind: string; name: string }): Expansion | null {
  const id = identity(ctx, m);
  if (!id) return null;
  const j = defaultJob(m.object);
  const spec = j.spec as Obj;
  const parallelism = nonNegInt(spec.parallelism);
  const completions = spec.completions === undefined || spec.completions === null ? null : nonNegInt(spec.completions);
  if (parallelism === undefined) {
    ctx.skip(
      m,
      ['spec', 'parallelism'],
      `Job ${id.name}: parallelism must be a non-negative integer; it is not planned`,
    );
    return null;
  }
  if (completions === undefined) {
    ctx.skip(
      m,
      ['spec', 'completions'],
      `Job ${id.name}: completions must be a non-negative integer; it is not planned`,
    );
    return null;
  }
  const indexed = spec.completionMode === 'Indexed';
  if (indexed && completions === null) {
    ctx.skip(m, ['spec', 'completionMode'], `Job ${id.name}: an Indexed Job needs spec.completions; it is not planned`);
    return null;
  }
  const checked = checkTemplate(ctx, m, ['spec', 'template'], obj(m.object.spec).template, id, {
    jobRestartPolicy: true,
  });
  if (!checked) return null;
  const suspended = spec.suspend === true;
  const active = suspended ? 0 : completions === null ? parallelism : Math.min(parallelism, completions);
  if (!ctx.claimPods(m, ['spec', 'parallelism'], active)) return null;
  const notes = [
    `${indexed ? 'Indexed' : 'NonIndexed'}, parallelism ${parallelism}, completions ${completions ?? 'unset (work queue)'}`,
    ...(suspended ? ['suspended: no pods until spec.suspend is false'] : []),
    ...checked.notes,
  ];
  const pods = [];
  for (let i = 0; i < active; i++) {
    const extraLabels: Record<string, string> = { [JOB_NAME]: id.name, [LEGACY_JOB_NAME]: id.name };
    const extraAnnotations: Record<string, string> = {};
    let prefix = `${id.name}-`;
    let hostname: string | undefined;
    if (indexed) {
      extraLabels[JOB_COMPLETION_INDEX] = String(i);
      extraAnnotations[JOB_COMPLETION_INDEX] = String(i);
      prefix = podGenerateNameWithIndex(id.name, i);
      hostname = `${id.name}-${i}`;
    }
    pods.push(
      makePod(ctx, {
        m,
        specPath: ['spec', 'template', 'spec'],
        checked,
        name: ctx.names.generate(id.namespace, prefix),
        namespace: id.namespace,
        owner: { kind: 'Job', name: id.name },
        workload: owner ?? { kind: 'Job', name: id.name },
        extraLabels,
        extraAnnotations,
        ownerSelector: null,
        ...(hostname ? { hostname, mutate: (s: Obj) => void (s.hostname = hostname) } : {}),
      }),
    );
  }
  return {
    report: {
      kind: 'Job',
      namespace: id.namespace,
      name: id.name,
      replicas: active,
      replicaSets: [],
      pods: pods.map((p) => p.name),
      notes,
    },
    pods,
    claims: [],
  };
}
