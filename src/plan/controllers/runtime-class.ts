/**
 * RuntimeClass admission (kubernetes v1.34 plugin/pkg/admission/runtimeclass/admission.go, Admit + Validate): before
 * a pod is stored, its RuntimeClass's `overhead.podFixed` becomes `spec.overhead`, and its `scheduling.nodeSelector`
 * and `scheduling.tolerations` are merged into the pod — so the scheduler only sees nodes that run that runtime.
 * A conflict is a rejection: the controller's create fails (FailedCreate) and no pod exists.
 */
import { clone, isObj, obj, type Obj } from '../../core/values.js';
import { mergeTolerations } from '../../k8s/tolerations.js';

export interface RuntimeClassInfo {
  name: string;
  /** overhead.podFixed, when the class sets it. */
  overhead?: Obj;
  /** scheduling, when the class sets it. */
  scheduling?: { nodeSelector: Record<string, string>; tolerations: unknown[] };
}

/** The planner's view of a RuntimeClass object. */
export function runtimeClassInfo(name: string, object: Obj): RuntimeClassInfo {
  const info: RuntimeClassInfo = { name };
  if (isObj(object.overhead)) info.overhead = obj(object.overhead.podFixed);
  if (isObj(object.scheduling)) {
    const selector: Record<string, string> = {};
    for (const [k, v] of Object.entries(obj(object.scheduling.nodeSelector)))
      if (typeof v === 'string') selector[k] = v;
    info.scheduling = {
      nodeSelector: selector,
      tolerations: Array.isArray(object.scheduling.tolerations) ? object.scheduling.tolerations : [],
    };
  }
  return info;
}

/** Quantities as the API server compares them after decoding (apiequality.Semantic on resource.Quantity). */
function sameResources(a: Obj, b: Obj): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (String(a[k]) !== String(b[k])) return false;
  return true;
}

/**
 * Applies the admission plugin to a pod spec (mutated in place). Returns the API server's rejection message (the
 * text after `pods "<name>" is forbidden: `), or null when the pod is admitted.
 */
export function admitRuntimeClass(spec: Obj, runtimeClass: RuntimeClassInfo | undefined): string | null {
  // setOverhead + validateOverhead
  if (runtimeClass?.overhead !== undefined) {
    if (isObj(spec.overhead) && !sameResources(spec.overhead, runtimeClass.overhead))
      return "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";
    spec.overhead = clone(runtimeClass.overhead);
  } else if (isObj(spec.overhead)) {
    return 'pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead';
  }
  // setScheduling
  const scheduling = runtimeClass?.scheduling;
  if (!scheduling) return null;
  const nodeSelector = isObj(spec.nodeSelector) ? { ...spec.nodeSelector } : {};
  for (const [key, value] of Object.entries(scheduling.nodeSelector)) {
    const podValue = nodeSelector[key];
    if (podValue !== undefined && podValue !== value)
      return `conflict: runtimeClass.scheduling.nodeSelector[${key}] = ${value}; pod.spec.nodeSelector[${key}] = ${String(podValue)}`;
    nodeSelector[key] = value;
  }
  if (Object.keys(nodeSelector).length > 0) spec.nodeSelector = nodeSelector;
  const tolerations = mergeTolerations(Array.isArray(spec.tolerations) ? spec.tolerations : [], scheduling.tolerations);
  if (tolerations.length > 0) spec.tolerations = tolerations;
  return null;
}
