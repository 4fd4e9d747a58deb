/**
 * Pod specs for the best-practice rules: the shared pod templates (src/rules/workloads.ts)
 * plus OpenShift DeploymentConfigs (kube-linter checks those too), with the two facts these
 * rules need on top: which labels the pods are sure to carry, and whether they run to completion.
 */
import type { Manifest } from '../../core/types.js';
import { groupOf } from '../kinds.js';
import { getIn, isObj, objAt, stringMap } from '../values.js';
import { podTemplateOf, type PodTemplate } from '../workloads.js';

export interface PodSpecRef extends PodTemplate {
  /**
   * Labels every pod carries: the template's labels plus the controller selector's matchLabels
   * (the API requires the selector to match the template, so those labels are on the pods).
   */
  podLabels: Record<string, string>;
  /** Job, CronJob, or a bare Pod whose restartPolicy is not Always: no probes or replicas expected. */
  runsToCompletion: boolean;
}

export function podSpecOf(manifest: Manifest): PodSpecRef | undefined {
  const template = podTemplateOf(manifest) ?? deploymentConfigTemplate(manifest);
  if (!template) return undefined;
  const { kind, spec } = template;
  const restartPolicy = spec.restartPolicy;
  const runsToCompletion = kind === 'Job' || kind === 'CronJob' || (kind === 'Pod' && (restartPolicy === 'Never' || restartPolicy === 'OnFailure'));
  const podLabels = { ...template.labels, ...selectorLabels(manifest) };
  return { ...template, podLabels, runsToCompletion };
}

/** Every pod spec of the run, in input order. */
export function podSpecsOf(manifests: readonly Manifest[]): PodSpecRef[] {
  const out: PodSpecRef[] = [];
  for (const manifest of manifests) {
    const pod = podSpecOf(manifest);
    if (pod) out.push(pod);
  }
  return out;
}

/** OpenShift's DeploymentConfig (apps.openshift.io/v1, or the legacy core `v1`): its template is at spec.template. */
function deploymentConfigTemplate(manifest: Manifest): PodTemplate | undefined {
  if (manifest.ref.kind !== 'DeploymentConfig') return undefined;
  const group = groupOf(manifest.ref.apiVersion);
  if (group !== 'apps.openshift.io' && group !== '') return undefined;
  const templatePath = ['spec', 'template'];
  const labelsPath = [...templatePath, 'metadata', 'labels'];
  return {
    manifest,
    kind: 'DeploymentConfig',
    templatePath,
    specPath: [...templatePath, 'spec'],
    spec: objAt(manifest.object, [...templatePath, 'spec']) ?? {},
    labels: stringMap(getIn(manifest.object, labelsPath)),
    labelsPath,
  };
}

/** matchLabels of a controller's selector (ReplicationController and DeploymentConfig use a plain map). */
function selectorLabels(manifest: Manifest): Record<string, string> {
  const selector = getIn(manifest.object, ['spec', 'selector']);
  if (!isObj(selector)) return {};
  const kind = manifest.ref.kind;
  if (kind === 'ReplicationController' || kind === 'DeploymentConfig') return stringMap(selector);
  if (kind === 'Pod' || kind === 'CronJob') return {};
  return stringMap(selector.matchLabels);
}
