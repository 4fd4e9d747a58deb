/**
 * Schema validation for `kubeplan lint`: every manifest is checked against the strict schema of
 * its kind — built in (precompiled, see schemas/), from a
 * CustomResourceDefinition among the inputs, or from a --schema-dir file.
 */
import type { Finding, JsonPath, Manifest } from '../core/types.js';
import { DEFAULT_KUBE_VERSION, SUPPORTED_KUBE_VERSIONS } from '../k8s/versions.js';
import { builtinKind, builtinWalker } from './builtin.js';
import { CrdRegistry } from './crds.js';
import { SchemaResolver } from './resolve.js';
import { validateManifest } from './validate.js';

export { DEFAULT_KUBE_VERSION, SUPPORTED_KUBE_VERSIONS };

export interface SchemaOptions {
  /** `1.36`, `v1.36` or `1.36.2`; must be one of SUPPORTED_KUBE_VERSIONS. */
  kubeVersion: string;
  /** Unknown kinds are errors (not warnings); --schema-dir schemas reject undeclared fields. */
  strict: boolean;
  /** Directories of user JSON Schemas (kubeconform file naming). */
  schemaDirs?: string[];
}

/**
 * Findings for every schema problem in `manifests`. Throws only for an unsupported
 * kubeVersion (a usage error the caller should report).
 */
export function validateManifests(manifests: Manifest[], options: SchemaOptions): Finding[] {
  const kubeVersion = supportedKubeVersion(options.kubeVersion);
  const resolver = new SchemaResolver(new CrdRegistry(manifests), {
    kubeVersion,
    strict: options.strict,
    schemaDirs: options.schemaDirs ?? [],
  });
  const findings: Finding[] = [];
  // One push per finding: spreading a huge array into push() overflows the call stack.
  for (const manifest of manifests)
    for (const f of validateManifest(manifest, resolver, options.strict)) findings.push(f);
  for (const f of resolver.schemaFindings) findings.push(f);
  return findings;
}

/** Whether apiVersion/kind is a built-in kind of the default Kubernetes version. */
export function isKnownKind(apiVersion: string, kind: string): boolean {
  return builtinKind(apiVersion, kind) !== undefined;
}

/** The API documentation of the field at `path` in a built-in kind (for editor hovers). */
export function fieldDoc(apiVersion: string, kind: string, path: JsonPath): string | undefined {
  const builtin = builtinKind(apiVersion, kind);
  if (!builtin) return undefined;
  return builtinWalker(builtin.definition)?.description(path);
}

/** Normalizes `v1.36.2` → `1.36`, or throws when the version is not supported. */
export function supportedKubeVersion(version: string): string {
  const match = /^v?(\d+)\.(\d+)(?:\.\d+)?$/.exec(version.trim());
  const minor = match ? `${match[1]}.${match[2]}` : version;
  if (!SUPPORTED_KUBE_VERSIONS.includes(minor)) {
    throw new Error(
      `Kubernetes version ${JSON.stringify(version)} is not supported; supported: ${SUPPORTED_KUBE_VERSIONS.join(', ')}`,
    );
  }
  return minor;
}
