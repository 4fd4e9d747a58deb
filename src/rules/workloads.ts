/**
 * Pod templates and selectors of every kind that runs pods, so one rule covers Pods, Deployments,
 * ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs and ReplicationControllers alike (and, for
 * the rules that check pod specs one by one, OpenShift DeploymentConfigs).
 */
import type { JsonPath, Manifest } from '../core/types.js';
import { groupOf, isKind } from '../k8s/kinds.js';
import { LabelIndex } from './label-index.js';
import type { ObjectIndex } from './object-index.js';
import { parseLabelSelector, parseMapSelector, type Selector } from '../k8s/label-selector.js';
import { getIn, isObj, objAt, scalarStringMap, type Obj } from '../core/values.js';

/** Path from the object root to its PodTemplateSpec (metadata + spec), by kind; [] for a Pod. */
const TEMPLATE_PATHS: Readonly<Record<string, JsonPath>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export const WORKLOAD_KINDS: readonly string[] = Object.keys(TEMPLATE_PATHS);

export interface PodTemplate {
  manifest: Manifest;
  kind: string;
  /** Path to the pod's metadata + spec: ['spec', 'template'], or [] for a Pod. */
  templatePath: JsonPath;
  /** Path to the pod spec (templatePath + 'spec'). */
  specPath: JsonPath;
  /** The pod spec ({} when missing). */
  spec: Obj;
  /** Labels the pods get (the template's metadata.labels). */
  labels: Record<string, string>;
  labelsPath: JsonPath;
}

export interface WorkloadOptions {
  /**
   * Also OpenShift DeploymentConfigs (apps.openshift.io/v1, or the legacy core `v1`), whose template
   * is at spec.template: the rules that check pod specs one by one read them (as kube-linter does);
   * the cross-object rules (ObjectIndex) know only the built-in kinds.
   */
  openShift?: boolean;
}

/** The pod template of a workload, or undefined for any other object. */
export function podTemplateOf(manifest: Manifest, options: WorkloadOptions = {}): PodTemplate | undefined {
  // Every pod-spec rule asks for every object's template: computed once per object (and per openShift flag).
  const cache = options.openShift ? templatesOpenShift : templates;
  if (cache.has(manifest)) return cache.get(manifest);
  const template = computeTemplate(manifest, options);
  cache.set(manifest, template);
  return template;
}

const templates = new WeakMap<Manifest, PodTemplate | undefined>();
const templatesOpenShift = new WeakMap<Manifest, PodTemplate | undefined>();

function computeTemplate(manifest: Manifest, options: WorkloadOptions): PodTemplate | undefined {
  const kind = manifest.ref.kind;
  if (kind === undefined) return undefined;
  if (kind === 'DeploymentConfig' && options.openShift) {
    const group = groupOf(manifest.ref.apiVersion);
    return group === 'apps.openshift.io' || group === '' ? templateAt(manifest, kind, ['spec', 'template']) : undefined;
  }
  if (!Object.prototype.hasOwnProperty.call(TEMPLATE_PATHS, kind) || !isKind(manifest, kind)) return undefined;
  return templateAt(manifest, kind, TEMPLATE_PATHS[kind]!);
}

/** The pod templates of `manifests`, in input order, read one object at a time. */
export function* podTemplatesOf(manifests: readonly Manifest[], options: WorkloadOptions = {}): Generator<PodTemplate> {
  for (const manifest of manifests) {
    const template = podTemplateOf(manifest, options);
    if (template) yield template;
  }
}

function templateAt(manifest: Manifest, kind: string, templatePath: JsonPath): PodTemplate {
  const specPath = [...templatePath, 'spec'];
  const labelsPath = [...templatePath, 'metadata', 'labels'];
  return {
    manifest,
    kind,
    templatePath,
    specPath,
    spec: objAt(manifest.object, specPath) ?? {},
    labels: scalarStringMap(getIn(manifest.object, labelsPath)),
    labelsPath,
  };
}

const LEGACY_DEFAULTED = new Set(['extensions/v1beta1', 'apps/v1beta1']);

export interface WorkloadSelector {
  selector: Selector;
  /** Path to spec.selector. */
  path: JsonPath;
  /** Whether spec.selector is written at all. */
  present: boolean;
}

/**
 * The selector a controller uses to own its pods, or undefined when the kind has none the user
 * controls: Pods and CronJobs, and Jobs without `manualSelector: true` (their selector is generated).
 * A ReplicationController's empty selector defaults to its template labels, so it selects them.
 */
export function controllerSelectorOf(manifest: Manifest): WorkloadSelector | undefined {
  const kind = manifest.ref.kind;
  const path = ['spec', 'selector'];
  const raw = getIn(manifest.object, path);
  const present = raw !== undefined && raw !== null;
  switch (kind) {
    case 'Deployment':
    case 'ReplicaSet':
    case 'StatefulSet':
    case 'DaemonSet':
      if (!isKind(manifest, kind)) return undefined;
      // Before apps/v1 (extensions/v1beta1, apps/v1beta1) a missing selector defaulted to the template labels.
      if (!present && LEGACY_DEFAULTED.has(manifest.ref.apiVersion ?? '')) {
        return {
          selector: parseMapSelector(getIn(manifest.object, ['spec', 'template', 'metadata', 'labels'])),
          path,
          present,
        };
      }
      return { selector: parseLabelSelector(raw), path, present };
    case 'Job':
      if (!isKind(manifest, kind) || getIn(manifest.object, ['spec', 'manualSelector']) !== true) return undefined;
      return { selector: parseLabelSelector(raw), path, present };
    case 'ReplicationController': {
      if (!isKind(manifest, kind)) return undefined;
      const empty = !present || (isObj(raw) && Object.keys(raw).length === 0);
      if (empty)
        return {
          selector: parseMapSelector(getIn(manifest.object, ['spec', 'template', 'metadata', 'labels'])),
          path,
          present: false,
        };
      return { selector: parseMapSelector(raw), path, present };
    }
    default:
      return undefined;
  }
}

/**
 * Labels every pod of the template carries: the template's labels plus the controller selector's
 * matchLabels (the API requires the selector to match the template, so those labels are on the pods).
 */
export function podLabelsOf(template: PodTemplate): Record<string, string> {
  return { ...template.labels, ...selectorLabels(template.manifest) };
}

/** matchLabels of a controller's selector (ReplicationController and DeploymentConfig use a plain map). */
function selectorLabels(manifest: Manifest): Record<string, string> {
  const selector = getIn(manifest.object, ['spec', 'selector']);
  if (!isObj(selector)) return {};
  const kind = manifest.ref.kind;
  if (kind === 'ReplicationController' || kind === 'DeploymentConfig') return scalarStringMap(selector);
  if (kind === 'Pod' || kind === 'CronJob') return {};
  return scalarStringMap(selector.matchLabels);
}

/** Job, CronJob, or a bare Pod whose restartPolicy is not Always: no probes or replicas expected. */
export function runsToCompletion(template: PodTemplate): boolean {
  const { kind, spec } = template;
  return (
    kind === 'Job' ||
    kind === 'CronJob' ||
    (kind === 'Pod' && (spec.restartPolicy === 'Never' || spec.restartPolicy === 'OnFailure'))
  );
}

/** The run's pod templates (OpenShift DeploymentConfigs included) by namespace and pod labels (`podLabelsOf`). */
export function podsByLabel(index: ObjectIndex): LabelIndex<PodTemplate> {
  return index.derived(indexPodsByLabel);
}

function indexPodsByLabel(index: ObjectIndex): LabelIndex<PodTemplate> {
  const pods = new LabelIndex<PodTemplate>();
  for (const template of podTemplatesOf(index.manifests, { openShift: true }))
    pods.add(index.namespaceOf(template.manifest), podLabelsOf(template), template);
  return pods;
}
