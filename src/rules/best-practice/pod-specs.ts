/**
 * Where the pod spec lives in every kind that runs pods, so one rule covers Pods,
 * Deployments, StatefulSets, DaemonSets, ReplicaSets, ReplicationControllers, Jobs,
 * CronJobs, PodTemplates and OpenShift DeploymentConfigs alike.
 */
import type { JsonPath, Manifest } from '../../core/types.js';
import { getIn, isObj, objAt, stringMap, type Obj } from './values.js';

/** Path from the object root to its pod template (the object holding metadata + spec), by kind. */
const TEMPLATE_PATHS: Readonly<Record<string, JsonPath>> = {
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  DeploymentConfig: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
  PodTemplate: ['template'],
};

/** Kinds whose pods run to completion rather than serve: no probes expected. */
const RUN_TO_COMPLETION = new Set(['Job', 'CronJob']);

export interface PodSpecRef {
  manifest: Manifest;
  kind: string;
  /** Path from the object root to the pod spec. */
  specPath: JsonPath;
  spec: Obj;
  /**
   * Labels every pod of this object carries: the template's labels plus, for controllers,
   * the selector's matchLabels (the API requires the selector to match the template).
   */
  labels: Record<string, string>;
  /** Job, CronJob, or a bare Pod whose restartPolicy is not Always. */
  runsToCompletion: boolean;
}

export function podSpecOf(manifest: Manifest): PodSpecRef | undefined {
  const kind = manifest.ref.kind;
  if (kind === undefined) return undefined;
  const object = manifest.object;
  if (kind === 'Pod') {
    const spec = objAt(object, ['spec']);
    if (!spec) return undefined;
    const restartPolicy = spec.restartPolicy;
    const runsToCompletion = restartPolicy === 'Never' || restartPolicy === 'OnFailure';
    return { manifest, kind, specPath: ['spec'], spec, labels: stringMap(getIn(object, ['metadata', 'labels'])), runsToCompletion };
  }
  const templatePath = TEMPLATE_PATHS[kind];
  if (!templatePath) return undefined;
  const specPath = [...templatePath, 'spec'];
  const spec = objAt(object, specPath);
  if (!spec) return undefined;
  const labels = { ...stringMap(getIn(object, [...templatePath, 'metadata', 'labels'])), ...selectorLabels(object, kind) };
  return { manifest, kind, specPath, spec, labels, runsToCompletion: RUN_TO_COMPLETION.has(kind) };
}

/** Every pod spec in the run, in input order. */
export function podSpecsOf(manifests: readonly Manifest[]): PodSpecRef[] {
  const out: PodSpecRef[] = [];
  for (const manifest of manifests) {
    const pod = podSpecOf(manifest);
    if (pod) out.push(pod);
  }
  return out;
}

/** matchLabels of a controller's selector (ReplicationController/DeploymentConfig use a plain map). */
function selectorLabels(object: Obj, kind: string): Record<string, string> {
  const selector = getIn(object, ['spec', 'selector']);
  if (!isObj(selector)) return {};
  if (kind === 'ReplicationController' || kind === 'DeploymentConfig') return stringMap(selector);
  return stringMap(selector.matchLabels);
}
