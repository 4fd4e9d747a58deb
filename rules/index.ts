/**
 * The registry of built-in rules: one line per rule, sorted by id. The export name is the id in
 * camelCase. test/rules/meta.test.ts checks that every rules/*.ts file is listed here.
 */
export { default as allowPrivilegeEscalation } from './allow-privilege-escalation.js';
export { default as configmapCredentials } from './configmap-credentials.js';
export { default as dangerousCapabilities } from './dangerous-capabilities.js';
export { default as deprecatedApiVersion } from './deprecated-api-version.js';
export { default as dropAllCapabilities } from './drop-all-capabilities.js';
export { default as duplicateObject } from './duplicate-object.js';
export { default as envVarSecret } from './env-var-secret.js';
export { default as exposedService } from './exposed-service.js';
export { default as hostIpc } from './host-ipc.js';
export { default as hostNetwork } from './host-network.js';
export { default as hostPathVolume } from './host-path-volume.js';
export { default as hostPid } from './host-pid.js';
export { default as hpaTargetMissing } from './hpa-target-missing.js';
export { default as hpaWithReplicas } from './hpa-with-replicas.js';
export { default as imagePullPolicy } from './image-pull-policy.js';
export { default as ingressDuplicatePath } from './ingress-duplicate-path.js';
export { default as ingressMissingService } from './ingress-missing-service.js';
export { default as ingressMissingServicePort } from './ingress-missing-service-port.js';
export { default as ingressTlsSecretMissing } from './ingress-tls-secret-missing.js';
export { default as latestTag } from './latest-tag.js';
export { default as livenessEqualsReadiness } from './liveness-equals-readiness.js';
export { default as missingCpuRequest } from './missing-cpu-request.js';
export { default as missingLivenessProbe } from './missing-liveness-probe.js';
export { default as missingMemoryLimit } from './missing-memory-limit.js';
export { default as missingMemoryRequest } from './missing-memory-request.js';
export { default as missingReadinessProbe } from './missing-readiness-probe.js';
export { default as missingReference } from './missing-reference.js';
export { default as missingReferenceKey } from './missing-reference-key.js';
export { default as networkpolicySelectsNothing } from './networkpolicy-selects-nothing.js';
export { default as overlappingSelectors } from './overlapping-selectors.js';
export { default as pdbAllowsNoDisruption } from './pdb-allows-no-disruption.js';
export { default as pdbSelectsNothing } from './pdb-selects-nothing.js';
export { default as privilegedContainer } from './privileged-container.js';
export { default as readOnlyRootFilesystem } from './read-only-root-filesystem.js';
export { default as replicasNotSpread } from './replicas-not-spread.js';
export { default as runAsNonRoot } from './run-as-non-root.js';
export { default as runAsRoot } from './run-as-root.js';
export { default as sensitiveHostMount } from './sensitive-host-mount.js';
export { default as serviceSelectsNoPods } from './service-selects-no-pods.js';
export { default as serviceTargetPortName } from './service-target-port-name.js';
export { default as serviceTargetPortNumber } from './service-target-port-number.js';
export { default as statefulsetServiceNotHeadless } from './statefulset-service-not-headless.js';
export { default as volumeMountUndefined } from './volume-mount-undefined.js';
export { default as workloadSelectorMismatch } from './workload-selector-mismatch.js';
