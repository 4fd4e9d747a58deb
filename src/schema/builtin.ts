/**
 * The built-in Kubernetes kinds: precompiled validators (src/schema/generated, loaded per
 * chunk on first use) and, only when needed, the schema documents with their documentation
 * (schemas/v<version>/_definitions.json) for "did you mean" and field docs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ErrorObject } from 'ajv';
import { kinds, kubeVersion, loadObjectMetaValidator, loadValidator } from './generated/validators.js';
import { SchemaWalker, type JsonSchema } from './schema-walk.js';

/** A compiled ajv validator (precompiled standalone code, or compiled at run time), always with allErrors. */
export interface CompiledValidator {
  (data: unknown, context?: { instancePath?: string }): boolean;
  errors?: ErrorObject[] | null;
}

/** Where the generated index says a built-in kind's validator and schema are. */
export interface BuiltinKind {
  /** Validator chunk (schemas/v<minor>/validators/<chunk>.cjs) and export name in it. */
  chunk: string;
  exportName: string;
  /** Definition name in schemas/v<minor>/_definitions.json. */
  definition: string;
  /** Schema file name in schemas/v<minor>/. */
  file: string;
}

export const BUILTIN_KUBE_VERSION: string = kubeVersion;

export function builtinKind(apiVersion: string, kind: string): BuiltinKind | undefined {
  return Object.hasOwn(kinds, apiVersion) && Object.hasOwn(kinds[apiVersion]!, kind)
    ? kinds[apiVersion]![kind]
    : undefined;
}

export function builtinValidator(apiVersion: string, kind: string): CompiledValidator | undefined {
  return loadValidator(apiVersion, kind);
}

export const objectMetaValidator = (): CompiledValidator => loadObjectMetaValidator();

/** apiVersions that define `kind` (to suggest one when an apiVersion is wrong). */
export function apiVersionsOf(kind: string): string[] {
  return Object.keys(kinds).filter((apiVersion) => Object.hasOwn(kinds[apiVersion]!, kind));
}

/** Kinds defined in `apiVersion` (to suggest one when a kind is misspelt). */
export function kindsIn(apiVersion: string): string[] {
  return Object.hasOwn(kinds, apiVersion) ? Object.keys(kinds[apiVersion]!) : [];
}

let definitionsDocument: JsonSchema | undefined;

/** Walks the schema of a built-in definition (e.g. `apps.v1.Deployment`); loads the schema documents on first use. */
export function builtinWalker(definition: string): SchemaWalker | undefined {
  definitionsDocument ??= JSON.parse(readFileSync(definitionsFile(), 'utf8')) as JsonSchema;
  const definitions = (definitionsDocument as { definitions?: Record<string, JsonSchema> }).definitions ?? {};
  const root = definitions[definition];
  return root === undefined ? undefined : new SchemaWalker(definitionsDocument, root);
}

/** schemas/ sits at the package root: two levels above src/schema, three above dist/src/schema. */
function definitionsFile(): string {
  const relative = path.join('schemas', `v${kubeVersion}`, '_definitions.json');
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, relative);
    if (existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error(`kubeplan: cannot find ${relative} (is the package installed completely?)`);
}
