/**
 * Pod templates and selectors of every kind that runs pods, so one rule covers Pods, Deployments,
 * ReplicaSets, StatefulSets, DaemonSets, Jobs, CronJobs and ReplicationControllers alike.
 */
import type { JsonPath, Manifest } from '../core/types.js';
import { isKind } from './kinds.js';
import { parseLabelSelector, parseMapSelector, type Selector } from './selectors.js';
import { getIn, isObj, objAt, stringMap, type Obj } from './values.js';

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

/** The pod template of a workload, or undefined for any other object. */
export function podTemplateOf(manifest: Manifest): PodTemplate | undefined {
  const kind = manifest.ref.kind;
  if (kind === undefined || !Object.prototype.hasOwnProperty.call(TEMPLATE_PATHS, kind) || !isKind(manifest, kind)) return undefined;
  const templatePath = TEMPLATE_PATHS[kind]!;
  const specPath = [...templatePath, 'spec'];
  const labelsPath = [...templatePath, 'metadata', 'labels'];
  return {
    manifest,
    kind,
    templatePath,
    specPath,
    spec: objAt(manifest.object, specPath) ?? {},
    labels: stringMap(getIn(manifest.object, labelsPath)),
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
        return { selector: parseMapSelector(getIn(manifest.object, ['spec', 'template', 'metadata', 'labels'])), path, present };
      }
      return { selector: parseLabelSelector(raw), path, present };
    case 'Job':
      if (!isKind(manifest, kind) || getIn(manifest.object, ['spec', 'manualSelector']) !== true) return undefined;
      return { selector: parseLabelSelector(raw), path, present };
    case 'ReplicationController': {
      if (!isKind(manifest, kind)) return undefined;
      const empty = !present || (isObj(raw) && Object.keys(raw).length === 0);
      if (empty) return { selector: parseMapSelector(getIn(manifest.object, ['spec', 'template', 'metadata', 'labels'])), path, present: false };
      return { selector: parseMapSelector(raw), path, present };
    }
    default:
      return undefined;
  }
}
