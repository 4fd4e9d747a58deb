/**
 * Feature gates whose defaults change what the scheduler and controllers do, by Kubernetes minor: one table,
 * read from kubernetes pkg/features/kube_features.go (the versioned `defaultVersionedKubernetesFeatureGates`
 * specs of commit b0b89d3b, the 1.35/1.36 line, which list every stage since 1.2x). Behaviour that depends on a
 * gate asks `featureEnabled(gate, kubeVersion)` so `--kube-version 1.30` plans as a 1.30 cluster would.
 */
import { parseKubeVersion } from './api-versions.js';
import { DEFAULT_KUBE_VERSION } from './versions.js';

export type Stage = 'Alpha' | 'Beta' | 'GA';

/** One row of a gate's versioned spec: from `since` (a 1.x minor) on, the default is `enabled`. */
interface VersionedSpec {
  since: number;
  enabled: boolean;
  stage: Stage;
}

const GATES = {
  // Native sidecars: init containers with restartPolicy Always count toward requests as long-running containers.
  SidecarContainers: [
    { since: 28, enabled: false, stage: 'Alpha' },
    { since: 29, enabled: true, stage: 'Beta' },
    { since: 33, enabled: true, stage: 'GA' },
  ],
  // StatefulSet spec.updateStrategy.rollingUpdate.maxUnavailable.
  MaxUnavailableStatefulSet: [
    { since: 24, enabled: false, stage: 'Alpha' },
    { since: 35, enabled: true, stage: 'Beta' },
  ],
  // Environment variable names: any printable ASCII character but '=' (IsRelaxedEnvVarName) instead of a C identifier.
  RelaxedEnvironmentVariableValidation: [
    { since: 30, enabled: false, stage: 'Alpha' },
    { since: 32, enabled: true, stage: 'Beta' },
    { since: 34, enabled: true, stage: 'GA' },
  ],
  // spec.resources on the pod (pod-level requests/limits).
  PodLevelResources: [
    { since: 32, enabled: false, stage: 'Alpha' },
    { since: 34, enabled: true, stage: 'Beta' },
  ],
  MatchLabelKeysInPodTopologySpread: [
    { since: 25, enabled: false, stage: 'Alpha' },
    { since: 27, enabled: true, stage: 'Beta' },
  ],
  MatchLabelKeysInPodAffinity: [
    { since: 29, enabled: false, stage: 'Alpha' },
    { since: 31, enabled: true, stage: 'Beta' },
    { since: 33, enabled: true, stage: 'GA' },
  ],
  NodeInclusionPolicyInPodTopologySpread: [
    { since: 25, enabled: false, stage: 'Alpha' },
    { since: 26, enabled: true, stage: 'Beta' },
    { since: 33, enabled: true, stage: 'GA' },
  ],
  // Beta (off) in 1.25, on by default from 1.27 (KEP-3022), GA in 1.30.
  MinDomainsInPodTopologySpread: [
    { since: 24, enabled: false, stage: 'Alpha' },
    { since: 25, enabled: false, stage: 'Beta' },
    { since: 27, enabled: true, stage: 'Beta' },
    { since: 30, enabled: true, stage: 'GA' },
  ],
  // HPA minReplicas 0 (with an Object or External metric); still Alpha, off by default.
  HPAScaleToZero: [{ since: 16, enabled: false, stage: 'Alpha' }],
  // DynamicResources joins the default profile when on; its PostFilter runs before DefaultPreemption and, for a pod
  // without claims, adds "no new claims to deallocate" to the FailedScheduling message. Beta (off) in 1.32, GA in 1.34.
  DynamicResourceAllocation: [
    { since: 26, enabled: false, stage: 'Alpha' },
    { since: 32, enabled: false, stage: 'Beta' },
    { since: 34, enabled: true, stage: 'GA' },
  ],
} satisfies Record<string, readonly VersionedSpec[]>;

export type FeatureGate = keyof typeof GATES;

/** The spec in force at `kubeVersion` ("1.34", "v1.34.2"); undefined before the gate existed. */
export function featureSpec(gate: FeatureGate, kubeVersion: string = DEFAULT_KUBE_VERSION): VersionedSpec | undefined {
  const minor = parseKubeVersion(kubeVersion) ?? parseKubeVersion(DEFAULT_KUBE_VERSION)!;
  let current: VersionedSpec | undefined;
  for (const spec of GATES[gate] as readonly VersionedSpec[]) if (spec.since <= minor) current = spec;
  return current;
}

/** Whether the gate is on by default in `kubeVersion` (off before it existed). */
export function featureEnabled(gate: FeatureGate, kubeVersion?: string): boolean {
  return featureSpec(gate, kubeVersion)?.enabled ?? false;
}

export const FEATURE_GATES: readonly FeatureGate[] = Object.keys(GATES) as FeatureGate[];
