/**
 * CustomResourceDefinitions found among the inputs: each served version's openAPIV3Schema
 * validates the custom resources of that group/version/kind.
 *
 * apiextensions.k8s.io/v1beta1 CRDs (removed in Kubernetes 1.22, still common in old charts) are
 * read too: their schema may be shared (spec.validation) and, unless spec.preserveUnknownFields
 * is false, the API server kept unknown fields, so they are not reported for those.
 */
import type { JsonPath, Manifest } from '../core/types.js';

export interface CrdVersion {
  apiVersion: string;
  kind: string;
  version: string;
  served: boolean;
  /** The version's openAPIV3Schema, if it has one. */
  schema: unknown;
  /** Fields the schema does not declare are pruned by the API server (v1; v1beta1 with preserveUnknownFields: false). */
  structural: boolean;
  /** The CRD manifest, and the path of the schema inside it (for findings about the schema itself). */
  crd: Manifest;
  schemaPath: JsonPath;
}

export class CrdRegistry {
  /** apiVersion → kind → version entry */
  private readonly byApiVersion = new Map<string, Map<string, CrdVersion>>();
  /** `group/kind` → versions the CRD defines (to explain a version mismatch). */
  private readonly versionsOfGroupKind = new Map<string, string[]>();

  constructor(manifests: readonly Manifest[]) {
    for (const manifest of manifests) {
      if (manifest.ref.kind !== 'CustomResourceDefinition') continue;
      if (
        manifest.ref.apiVersion === 'apiextensions.k8s.io/v1' ||
        manifest.ref.apiVersion === 'apiextensions.k8s.io/v1beta1'
      )
        this.add(manifest);
    }
  }

  get(apiVersion: string, kind: string): CrdVersion | undefined {
    return this.byApiVersion.get(apiVersion)?.get(kind);
  }

  /** Versions a CRD in the inputs defines for this group and kind (empty when none does). */
  versionsOf(apiVersion: string, kind: string): string[] {
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    return this.versionsOfGroupKind.get(`${group}/${kind}`) ?? [];
  }

  private add(crd: Manifest): void {
    const spec = record(crd.object.spec);
    const group = spec?.group;
    const kind = record(spec?.names)?.kind;
    if (!spec || typeof group !== 'string' || typeof kind !== 'string') return; // its own schema errors say why
    const v1beta1 = crd.ref.apiVersion === 'apiextensions.k8s.io/v1beta1';
    const sharedSchema = v1beta1 ? record(spec.validation)?.openAPIV3Schema : undefined;
    const versions = Array.isArray(spec.versions)
      ? spec.versions
      : v1beta1 && typeof spec.version === 'string'
        ? [{ name: spec.version }]
        : [];
    versions.forEach((entry: unknown, index: number) => {
      const version = record(entry);
      if (typeof version?.name !== 'string') return;
      const ownSchema = record(version.schema)?.openAPIV3Schema;
      const apiVersion = `${group}/${version.name}`;
      const byKind = this.byApiVersion.get(apiVersion) ?? new Map<string, CrdVersion>();
      this.byApiVersion.set(apiVersion, byKind);
      if (byKind.has(kind)) return; // the first definition wins, as duplicates are reported elsewhere
      byKind.set(kind, {
        apiVersion,
        kind,
        version: version.name,
        served: version.served !== false,
        schema: ownSchema ?? sharedSchema,
        structural: !v1beta1 || spec.preserveUnknownFields === false,
        crd,
        schemaPath:
          ownSchema !== undefined || !v1beta1
            ? ['spec', 'versions', index, 'schema', 'openAPIV3Schema']
            : ['spec', 'validation', 'openAPIV3Schema'],
      });
      const key = `${group}/${kind}`;
      this.versionsOfGroupKind.set(key, [...(this.versionsOfGroupKind.get(key) ?? []), version.name]);
    });
  }
}

function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
