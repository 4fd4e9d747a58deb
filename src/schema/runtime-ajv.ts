/**
 * Compiling schemas at run time, for what cannot be compiled ahead of time: the schemas of
 * CustomResourceDefinitions found in the inputs and --schema-dir files. ajv is loaded only
 * when one of those is used (it costs ~35 ms to load), and compiled validators are cached
 * by schema content, so a CRD version is compiled once per process.
 */
import { createRequire } from 'node:module';
import type { Ajv, Options } from 'ajv';
import type { FormatsPlugin } from 'ajv-formats';
import type { CompiledValidator } from './builtin.js';
import { addLinearKeywords } from './linear-keywords.js';
import { safeRegExp } from './safe-regexp.js';

const require = createRequire(import.meta.url);

/**
 * Formats checked in custom resources: those whose meaning is the same in Kubernetes
 * (kube-openapi strfmt) and ajv-formats. Others (`duration` is a Go duration in Kubernetes,
 * an ISO 8601 one in ajv-formats; `uri`, `hostname` differ in details) are not checked.
 */
const CHECKED_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'uuid'] as const;

const OPTIONS: Options = {
  allErrors: true,
  strict: false, // user and CRD schemas carry OpenAPI keywords and formats ajv does not know
  allowUnionTypes: true,
  messages: false,
  validateFormats: true,
  logger: false,
  // Patterns come from untrusted CRDs: match them in linear time, with the API server's RE2 semantics.
  code: { regExp: safeRegExp as unknown as NonNullable<Options['code']>['regExp'] },
  // $data stays off and no remote $ref loading: CRDs in a pull request are untrusted input.
};

const CACHE_LIMIT = 128;
const cache = new Map<string, CompiledValidator>();

/** Compiles `schema` (or returns the cached validator for identical content). Throws when the schema is invalid. */
export function compileSchema(schema: object): CompiledValidator {
  // node:crypto is loaded here, not at import: most runs compile nothing.
  const { createHash } = require('node:crypto') as typeof import('node:crypto');
  const key = createHash('sha256').update(JSON.stringify(schema)).digest('hex');
  const cached = cache.get(key);
  if (cached) return cached;
  const ajv = newAjv();
  const validate = ajv.compile(schema) as unknown as CompiledValidator;
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  cache.set(key, validate);
  return validate;
}

function newAjv(): Ajv {
  const AjvClass = (require('ajv') as { default: typeof Ajv }).default;
  const addFormats = (require('ajv-formats') as { default: FormatsPlugin }).default;
  const ajv = new AjvClass(OPTIONS);
  addFormats(ajv, [...CHECKED_FORMATS]);
  addLinearKeywords(ajv);
  return ajv;
}
