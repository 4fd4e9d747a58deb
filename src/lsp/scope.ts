/**
 * Which documents are Kubernetes manifests, for the language server: the same rule as the CLI's folder walks
 * (src/load), so an editor opening a workflow, Helm values or a pre-commit config shows no diagnostics.
 */
import path from 'node:path';
import type { Manifest } from '../core/types.js';
import { isKubernetesObject } from '../load/index.js';
import { isNonManifestPath } from '../load/inputs.js';

/** Paths whose YAML is never a manifest (the walks' rule), plus kubeplan's own config file. */
export function isKnownNonManifestPath(file: string): boolean {
  const base = path.basename(file);
  return isNonManifestPath(file) || base === '.kubeplan.yaml' || base === '.kubeplan.yml';
}

/** A document that claims to be a Kubernetes object: it has an apiVersion or a kind (or is a List item). */
export function isKubernetesDocument(manifest: Manifest): boolean {
  return isKubernetesObject(manifest);
}
