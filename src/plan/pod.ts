/**
 * Pods as the controllers create them (controller.GetPodFromTemplate): the template's labels, annotations and
 * spec, plus the labels each controller adds, then the API server's Pod defaulting (requests from limits).
 */
import { compareStrings } from '../core/compare.js';
import type { JsonPath, Manifest } from '../core/types.js';
import type { Selector } from '../k8s/label-selector.js';
import { defaultPodRequestsFromLimits } from '../k8s/defaults.js';
import type { SchedPod } from './scheduler/types.js';
import { clone, obj, sortedStringMap, type Obj } from '../core/values.js';
import { dict } from '../core/dict.js';

export interface OwnerRef {
  kind: string;
  name: string;
}

export interface PlannedPod {
  name: string;
  namespace: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  /** The pod's controller (ownerReferences with controller: true): the ReplicaSet for Deployment pods; null for bare pods. */
  owner: OwnerRef | null;
  /** The top-level object the pod comes from (the Deployment for Deployment pods, the Pod itself for bare pods). */
  workload: OwnerRef;
  /** Defaulted pod spec, as the API server stores it. */
  spec: Obj;
  priority: number;
  /** Creation order (the scheduling queue's tie-break after priority). */
  order: number;
  /** StatefulSet / indexed Job identity: spec.hostname, spec.subdomain and the DNS name. */
  hostname?: string;
  subdomain?: string;
  dns?: string;
  /**
   * StatefulSet OrderedReady: the pod of the previous ordinal, which must be Running and Ready before this one is
   * created. When it stays Pending (or was not created itself) this pod is not created (`notCreated`).
   */
  waitsFor?: string;
  /** The controller did not create the pod (OrderedReady waiting for an earlier ordinal); `reason` says why. */
  notCreated?: boolean;
  /** Where the pod's spec sits in its manifest (for findings). */
  manifest: Manifest;
  specPath: JsonPath;
  /** Selector of the controlling ReplicaSet / StatefulSet (the default spreading uses it). */
  ownerSelector: Selector | null;
  sched?: SchedPod;
  node: string | null;
  reason?: string;
  /** The first resource the FailedScheduling message names as insufficient (the finding points at its request). */
  shortResource?: string;
  /** Not scheduled: the plan's scheduling-work budget was spent before its turn (a plan/skipped finding says so). */
  overWorkBudget?: boolean;
}

export interface PodFromTemplate {
  /** A defaulted PodTemplateSpec (defaults.defaultPodTemplate). */
  template: Obj;
  name: string;
  namespace: string;
  /** Labels the controller adds on top of the template's (pod-template-hash, controller-revision-hash, …). */
  extraLabels?: Record<string, string>;
  extraAnnotations?: Record<string, string>;
  /**
   * Return the same spec object for every pod of this template (replicas of a ReplicaSet, Job pods) instead of a
   * copy each: 150,000 pods then cost one spec per workload. Only for callers that never change the spec.
   */
  sharedSpec?: boolean;
}

/** Defaulted specs shared by the pods of one template (podFromTemplate with sharedSpec). */
const sharedSpecs = new WeakMap<Obj, Obj>();

/** controller.GetPodFromTemplate + SetDefaults_Pod: labels, annotations and a defaulted spec for one new pod. */
export function podFromTemplate(input: PodFromTemplate): {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  spec: Obj;
} {
  const meta = obj(input.template.metadata);
  const labels = { ...sortedStringMap(meta.labels), ...(input.extraLabels ?? {}) };
  const annotations = { ...sortedStringMap(meta.annotations), ...(input.extraAnnotations ?? {}) };
  let spec = input.sharedSpec ? sharedSpecs.get(input.template) : undefined;
  if (!spec) {
    spec = clone(obj(input.template.spec));
    defaultPodRequestsFromLimits(spec);
    if (input.sharedSpec) sharedSpecs.set(input.template, spec);
  }
  return { labels: sortKeys(labels), annotations: sortKeys(annotations), spec };
}

export function sortKeys(map: Record<string, string>): Record<string, string> {
  const out = dict<string>();
  for (const [k, v] of Object.entries(map).sort(([a], [b]) => compareStrings(a, b))) out[k] = v;
  return out;
}
