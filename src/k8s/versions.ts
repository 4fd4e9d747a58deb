/**
 * The Kubernetes versions kubeplan knows, defined once: the schema validator, the rule engine and
 * the planner all default to DEFAULT_KUBE_VERSION. It must match the precompiled built-in schemas
 * (schemas/v<minor>/, see src/schema/builtin.ts); test/k8s/versions.test.ts checks that.
 */
export const DEFAULT_KUBE_VERSION: string = '1.36';

/** Minors accepted by --kube-version (the precompiled schemas exist for these only). */
export const SUPPORTED_KUBE_VERSIONS: string[] = [DEFAULT_KUBE_VERSION];
