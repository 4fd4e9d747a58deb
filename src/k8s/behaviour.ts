/**
 * Behaviour that changed in a Kubernetes release without a feature gate (gated changes are in feature-gates.ts):
 * the first minor with the new behaviour. `--kube-version 1.33` plans as a 1.33 control plane would.
 */
import { parseKubeVersion } from './api-versions.js';
import { DEFAULT_KUBE_VERSION } from './versions.js';

const CHANGES = {
  // kube-scheduler NodeResourcesFit Filter: a request larger than the node's whole allocatable is
  // UnschedulableAndUnresolvable, so preemption skips that node ("Preemption is not helpful for scheduling").
  // kubernetes PR #131345 (issue #131310), first released in v1.34; before, every shortage was Unschedulable.
  NodeResourcesFitUnresolvable: 34,
} satisfies Record<string, number>;

export type BehaviourChange = keyof typeof CHANGES;

/** Whether `kubeVersion` ("1.34", "v1.34.2"; default the newest supported) has the changed behaviour. */
export function hasBehaviour(change: BehaviourChange, kubeVersion?: string): boolean {
  const minor = parseKubeVersion(kubeVersion ?? DEFAULT_KUBE_VERSION) ?? parseKubeVersion(DEFAULT_KUBE_VERSION)!;
  return minor >= CHANGES[change];
}

/** Every change with the minor it arrived in (for docs/planner.md and the tests). */
export const BEHAVIOUR_CHANGES: ReadonlyArray<{ change: BehaviourChange; since: number }> = Object.entries(CHANGES).map(
  ([change, since]) => ({ change: change as BehaviourChange, since }),
);

/** The "1.x" whose behaviour is modelled: the given version's minor, else the newest supported. */
export function behaviourVersion(kubeVersion: string | undefined): string {
  const minor = kubeVersion !== undefined ? parseKubeVersion(kubeVersion) : undefined;
  return minor !== undefined ? `1.${minor}` : DEFAULT_KUBE_VERSION;
}
