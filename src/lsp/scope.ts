/**
 * Which documents are Kubernetes manifests, for the language server. An editor opens every YAML file (workflows,
 * Helm values, pre-commit configs); only manifests get diagnostics. The rule follows issue 10's rule for the CLI's
 * folder walks: known non-manifest paths are skipped, and a document with neither `apiVersion` nor `kind` is not a
 * Kubernetes object (one with only one of the two still is — a broken manifest).
 */
import path from 'node:path';
import type { Manifest } from '../core/types.js';

/** Paths that hold YAML which is never a manifest: CI workflows, Helm chart metadata and values, pre-commit. */
export function isKnownNonManifestPath(file: string): boolean {
  const parts = file.split(/[\\/]/);
  if (parts.includes('.github')) return true;
  const base = path.basename(file);
  return (
    base === 'Chart.yaml' ||
    base === '.pre-commit-config.yaml' ||
    base === '.kubeplan.yaml' ||
    base === '.kubeplan.yml' ||
    /^values[^/]*\.ya?ml$/i.test(base)
  );
}

/** A document that claims to be a Kubernetes object: it has an apiVersion or a kind (or both). */
export function isKubernetesDocument(manifest: Manifest): boolean {
  const o = manifest.object as Record<string, unknown>;
  return o.apiVersion !== undefined || o.kind !== undefined;
}
