/**
 * Finds the schema for an apiVersion/kind, in order of how explicitly the user asked for it:
 * a --schema-dir file, a CustomResourceDefinition among the inputs, the built-in kinds.
 * Results are cached for the run; a schema that cannot be used is reported once.
 */
import type { Finding, JsonPath, Manifest } from '../core/types.js';
import {
  apiVersionsOf,
  builtinKind,
  builtinValidator,
  builtinWalker,
  kindsIn,
  type CompiledValidator,
} from './builtin.js';
import { apiVersionStatus } from '../k8s/api-versions.js';
import type { CrdRegistry } from './crds.js';
import { toJsonSchema, type SchemaProblem } from './openapi-schema.js';
import { compileSchema } from './runtime-ajv.js';
import { findUserSchema } from './schema-dir.js';
import { SchemaWalker, type JsonSchema } from './schema-walk.js';
import { closestMatch } from './suggest.js';

export type Resolution =
  | {
      status: 'validate';
      validate: CompiledValidator;
      /** Walks the schema at a path of the object (for "did you mean"); built lazily. */
      walker: () => SchemaWalker | undefined;
      /** Custom resources get their metadata checked against the built-in ObjectMeta. */
      customResource: boolean;
    }
  /** Known, but there is nothing to validate against (a CRD version without a schema). */
  | { status: 'skip' }
  /** Known, but its schema cannot be used (cannot be read or compiled): each object gets a "not validated" finding. */
  | { status: 'unvalidated'; reason: string }
  | { status: 'unknown'; message: string; at: 'apiVersion' | 'kind' };

export interface ResolveOptions {
  kubeVersion: string;
  strict: boolean;
  schemaDirs: readonly string[];
}

export class SchemaResolver {
  private readonly cache = new Map<string, Resolution>();
  /** Problems with schemas themselves (a CRD's openAPIV3Schema, a --schema-dir file), reported once. */
  readonly schemaFindings: Finding[] = [];

  constructor(
    private readonly crds: CrdRegistry,
    private readonly options: ResolveOptions,
  ) {}

  resolve(apiVersion: string, kind: string, manifest: Manifest): Resolution {
    const key = `${apiVersion}\u0000${kind}`;
    let resolution = this.cache.get(key);
    if (!resolution) {
      resolution = this.find(apiVersion, kind, manifest);
      this.cache.set(key, resolution);
    }
    return resolution;
  }

  private find(apiVersion: string, kind: string, manifest: Manifest): Resolution {
    const fromDir = this.fromSchemaDirs(apiVersion, kind, manifest);
    if (fromDir) return fromDir;
    const fromCrd = this.fromCrd(apiVersion, kind);
    if (fromCrd) return fromCrd;
    const builtin = builtinKind(apiVersion, kind);
    if (builtin) {
      return {
        status: 'validate',
        validate: builtinValidator(apiVersion, kind)!,
        walker: () => builtinWalker(builtin.definition),
        customResource: false,
      };
    }
    return this.unknown(apiVersion, kind);
  }

  private fromSchemaDirs(apiVersion: string, kind: string, manifest: Manifest): Resolution | undefined {
    if (this.options.schemaDirs.length === 0) return undefined;
    let found;
    try {
      found = findUserSchema(this.options.schemaDirs, apiVersion, kind);
    } catch (err) {
      this.reportSchemaProblem(
        manifest,
        [],
        `cannot use the --schema-dir schema for ${kind} (${apiVersion}): ${describe(err)}`,
      );
      return { status: 'unvalidated', reason: `its --schema-dir schema cannot be read (${describe(err)})` };
    }
    if (!found) return undefined;
    const problems: SchemaProblem[] = [];
    const schema = toJsonSchema(found.schema, { closeObjects: this.options.strict ? 'declared' : 'none' }, problems);
    const where = (path: JsonPath) => (path.length === 0 ? '' : ` (at ${path.join('.')})`);
    for (const problem of problems.slice(0, MAX_SCHEMA_PROBLEMS))
      this.reportSchemaProblem(
        manifest,
        [],
        `--schema-dir schema ${found.file}${where(problem.path)}: ${problem.message}`,
      );
    const fatal = problems.find((p) => p.fatal);
    if (fatal)
      return {
        status: 'unvalidated',
        reason: `its --schema-dir schema ${found.file} cannot be used: ${fatal.message}`,
      };
    return this.compiled(schema, false, (reason) =>
      this.reportSchemaProblem(manifest, [], `cannot use the --schema-dir schema ${found.file}: ${reason}`),
    );
  }

  private fromCrd(apiVersion: string, kind: string): Resolution | undefined {
    const entry = this.crds.get(apiVersion, kind);
    if (!entry) return undefined;
    if (!entry.served) {
      return {
        status: 'unknown',
        at: 'apiVersion',
        message: `version ${entry.version} of ${kind} is not served (served: false in its CustomResourceDefinition)`,
      };
    }
    if (entry.schema === undefined) return { status: 'skip' };
    const problems: SchemaProblem[] = [];
    const schema = toJsonSchema(
      entry.schema,
      { closeObjects: entry.structural ? 'all' : 'none', crdRoot: true },
      problems,
    );
    for (const problem of problems.slice(0, MAX_SCHEMA_PROBLEMS))
      this.reportSchemaProblem(entry.crd, [...entry.schemaPath, ...problem.path], problem.message);
    const fatal = problems.find((p) => p.fatal);
    if (fatal)
      return {
        status: 'unvalidated',
        reason: `the schema of ${kind} ${entry.version} in its CustomResourceDefinition (${entry.crd.file}) cannot be used: ${fatal.message}`,
      };
    return this.compiled(schema, true, (reason) =>
      this.reportSchemaProblem(
        entry.crd,
        entry.schemaPath,
        `the schema of ${kind} ${entry.version} cannot be used to validate its custom resources: ${reason}`,
      ),
    );
  }

  private compiled(schema: JsonSchema, customResource: boolean, onError: (reason: string) => void): Resolution {
    try {
      const validate = compileSchema(schema as object);
      return { status: 'validate', validate, walker: () => new SchemaWalker(schema, schema), customResource };
    } catch (err) {
      onError(describe(err));
      return { status: 'unvalidated', reason: `its schema cannot be compiled (${clip(describe(err))})` };
    }
  }

  private unknown(apiVersion: string, kind: string): Resolution {
    const crdVersions = this.crds.versionsOf(apiVersion, kind);
    if (crdVersions.length > 0) {
      return {
        status: 'unknown',
        at: 'apiVersion',
        message: `${kind} has no version ${JSON.stringify(apiVersion.split('/')[1] ?? apiVersion)}: its CustomResourceDefinition defines ${crdVersions.join(', ')}`,
      };
    }
    const unknown = `no schema for ${apiVersion} ${kind}`;
    // Suggest only versions the target Kubernetes serves (`v1 Deployment` → apps/v1, never extensions/v1beta1).
    const known = apiVersionsOf(kind);
    const served = known.filter((v) => apiVersionStatus(v, kind, this.options.kubeVersion).status !== 'removed');
    const current = served.filter((v) => apiVersionStatus(v, kind, this.options.kubeVersion).status === 'ok');
    const otherApiVersions = current.length > 0 ? current : served.length > 0 ? served : known;
    if (otherApiVersions.length > 0) {
      const meant = closestMatch(apiVersion, otherApiVersions) ?? otherApiVersions[otherApiVersions.length - 1]!;
      return { status: 'unknown', at: 'apiVersion', message: `${unknown}: did you mean apiVersion "${meant}"?` };
    }
    const meantKind = closestMatch(kind, kindsIn(apiVersion));
    if (meantKind) return { status: 'unknown', at: 'kind', message: `${unknown}: did you mean kind "${meantKind}"?` };
    return {
      status: 'unknown',
      at: 'kind',
      message: `${unknown}: not a Kubernetes ${this.options.kubeVersion} kind; add its CustomResourceDefinition to the inputs or a schema with --schema-dir`,
    };
  }

  private reportSchemaProblem(manifest: Manifest, path: JsonPath, message: string): void {
    this.schemaFindings.push({
      ruleId: 'schema/bad-schema',
      severity: 'warning',
      message,
      file: manifest.file,
      ...manifest.locate(path, 'key'),
      object: manifest.ref,
    });
  }
}

const describe = (err: unknown) => (err instanceof Error ? err.message : String(err));
const clip = (text: string) => (text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** Findings about one schema's own problems, at most (the first ones say what is wrong). */
const MAX_SCHEMA_PROBLEMS = 10;
