/**
 * Phase 1: the cluster-scoped objects every later phase reads — Namespaces (labels for namespaceSelectors),
 * PriorityClasses (pod priority), RuntimeClasses (pod overhead and scheduling) and StorageClasses (for volume
 * binding) — from the inputs and from the --cluster file (the inputs win: they are what is being applied).
 */
import type { Manifest } from '../../core/types.js';
import { obj, str } from '../../core/values.js';
import { namespaceLabels, type Labels } from '../../k8s/label-selector.js';
import type { ExpandContext } from '../controllers/context.js';
import { runtimeClassInfo, type RuntimeClassInfo } from '../controllers/runtime-class.js';

/** Built-in PriorityClasses (kubernetes v1.30 pkg/apis/scheduling/types.go SystemPriorityClasses). */
const SYSTEM_PRIORITY_CLASSES: ReadonlyMap<string, number> = new Map([
  ['system-node-critical', 2000001000],
  ['system-cluster-critical', 2000000000],
]);

export interface StorageClassInfo {
  provisioner: string;
  /** Immediate (default) or WaitForFirstConsumer. */
  volumeBindingMode: string;
  isDefault: boolean;
}

export interface ClusterScoped {
  /** Pod priority for spec.priorityClassName: a PriorityClass in the inputs, else a built-in one. */
  priorityValue(className: string): number | undefined;
  priorityOf: ExpandContext['priorityOf'];
  /**
   * The preemptionPolicy the Priority admission plugin copies from the pod's PriorityClass (or the globalDefault
   * one when the pod names none); undefined when no class applies (the pod's own field then stands).
   */
  preemptionPolicyOf(className: string | undefined): 'Never' | 'PreemptLowerPriority' | undefined;
  runtimeClassOf: ExpandContext['runtimeClassOf'];
  namespaceLabels(namespace: string): Labels;
  storageClasses: ReadonlyMap<string, StorageClassInfo>;
}

export function readClusterScoped(byKind: (kind: string) => Manifest[]): ClusterScoped {
  const priorityClasses = new Map<string, number>();
  const policies = new Map<string, 'Never' | 'PreemptLowerPriority'>();
  let globalDefault: number | undefined;
  let globalDefaultName: string | undefined;
  for (const m of byKind('PriorityClass')) {
    const name = str(obj(m.object.metadata).name);
    if (!name || typeof m.object.value !== 'number') continue;
    priorityClasses.set(name, m.object.value);
    // PriorityClass.preemptionPolicy defaults to PreemptLowerPriority.
    policies.set(name, m.object.preemptionPolicy === 'Never' ? 'Never' : 'PreemptLowerPriority');
    // getDefaultPriorityClass: the globalDefault class with the highest value.
    if (m.object.globalDefault === true && (globalDefault === undefined || m.object.value > globalDefault)) {
      globalDefault = m.object.value;
      globalDefaultName = name;
    }
  }
  const runtimeClasses = new Map<string, RuntimeClassInfo>();
  for (const m of byKind('RuntimeClass')) {
    const name = str(obj(m.object.metadata).name);
    if (name) runtimeClasses.set(name, runtimeClassInfo(name, m.object));
  }
  const nsLabels = new Map<string, Labels>();
  for (const m of byKind('Namespace')) {
    const name = str(obj(m.object.metadata).name);
    if (name) nsLabels.set(name, namespaceLabels(name, obj(obj(m.object.metadata).labels)));
  }
  const storageClasses = new Map<string, StorageClassInfo>();
  for (const m of byKind('StorageClass')) {
    const meta = obj(m.object.metadata);
    const name = str(meta.name);
    if (!name) continue;
    storageClasses.set(name, {
      provisioner: str(m.object.provisioner) ?? '',
      volumeBindingMode: str(m.object.volumeBindingMode) ?? 'Immediate',
      isDefault: obj(meta.annotations)['storageclass.kubernetes.io/is-default-class'] === 'true',
    });
  }

  const priorityValue = (className: string) => priorityClasses.get(className) ?? SYSTEM_PRIORITY_CLASSES.get(className);
  return {
    priorityValue,
    priorityOf: (className) => {
      if (!className) return { value: globalDefault ?? 0 };
      const value = priorityValue(className);
      return value === undefined
        ? { error: `PriorityClass ${className} is not in the inputs or the cluster file: priority 0 assumed` }
        : { value };
    },
    preemptionPolicyOf: (className) => {
      const name = className || globalDefaultName;
      if (!name) return undefined;
      return policies.get(name) ?? (SYSTEM_PRIORITY_CLASSES.has(name) ? 'PreemptLowerPriority' : undefined);
    },
    runtimeClassOf: (runtimeClassName) => {
      if (!runtimeClassName) return {};
      const runtimeClass = runtimeClasses.get(runtimeClassName);
      if (!runtimeClass)
        return {
          error: `RuntimeClass ${runtimeClassName} is not in the inputs or the cluster file: no pod overhead or scheduling constraints assumed`,
        };
      return { runtimeClass };
    },
    namespaceLabels: (ns) => nsLabels.get(ns) ?? namespaceLabels(ns),
    storageClasses,
  };
}
