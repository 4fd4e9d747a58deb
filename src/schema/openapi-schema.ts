/**
 * Converts the OpenAPI v3 schemas of CustomResourceDefinitions (and kubeconform-style
 * --schema-dir files) into JSON Schema that ajv compiles, with the Kubernetes extensions
 * given their API-server meaning:
 *   x-kubernetes-preserve-unknown-fields  unknown fields allowed here (otherwise, in a structural
 *                                        CRD schema, they are pruned/rejected → we report them)
 *   x-kubernetes-int-or-string           integer or string
 *   x-kubernetes-embedded-resource       an object with apiVersion, kind and metadata
 *   x-kubernetes-list-type: set          items must be unique
 */
import type { JsonSchema } from './schema-walk.js';
import { ENUM_KEYWORD, LARGE_ENUM, SET_KEYWORD } from './linear-keywords.js';

type SchemaObject = { [keyword: string]: unknown };

export interface ConvertOptions {
  /**
   * Which objects reject fields they do not declare (unless x-kubernetes-preserve-unknown-fields):
   * `'all'` for structural CRD schemas (the API server prunes such fields and kubectl's strict
   * field validation rejects them), `'declared'` for objects that list properties (kubeconform
   * -strict), `'none'` to leave schemas as written.
   */
  closeObjects: 'all' | 'declared' | 'none';
  /**
   * The schema is a CRD version's openAPIV3Schema: apiVersion, kind and metadata are implicit at
   * its root (metadata is checked separately, with the built-in ObjectMeta schema).
   */
  crdRoot?: boolean;
}

/**
 * Subschema keywords whose values are schemas / maps of schemas / lists of schemas: every place a JSON Schema
 * validator (any draft) reads a schema, so that no subschema escapes the conversion and its checks below.
 */
const SCHEMA_VALUED = [
  'additionalProperties',
  'additionalItems',
  'not',
  'items',
  'contains',
  'propertyNames',
  'if',
  'then',
  'else',
  'unevaluatedItems',
  'unevaluatedProperties',
];
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies', 'dependentSchemas'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** OpenAPI-only annotations that ajv would not understand (or would misread). */
const DROPPED = new Set([
  'nullable',
  'example',
  'externalDocs',
  'discriminator',
  'readOnly',
  'writeOnly',
  'xml',
  'deprecated',
  'id',
  '$schema',
  'default',
  // Identifiers and dialect switches: a schema from the inputs is compiled as one self-contained document,
  // always as the same dialect, so these can only redirect `$ref`s or change how ajv reads the rest.
  '$id',
  '$anchor',
  '$dynamicAnchor',
  '$recursiveAnchor',
  '$vocabulary',
  '$comment',
]);

/**
 * Keywords that change how validation runs rather than what it checks. `$async: true` makes ajv's validator
 * return a promise (the object would pass unchecked and the rejection kill the process): removed, with a note.
 */
const MODE_KEYWORDS = new Set(['$async']);
/** References: only to a JSON pointer inside the same document (`#/…`); anything else makes the schema unusable. */
const REFERENCES = ['$ref', '$dynamicRef', '$recursiveRef'];

/** Something in an untrusted schema that was removed (`fatal: false`) or that stops it being used (`fatal: true`). */
export interface SchemaProblem {
  /** Path of the offending keyword inside the schema. */
  path: Array<string | number>;
  message: string;
  fatal: boolean;
}

export function toJsonSchema(schema: unknown, options: ConvertOptions, problems: SchemaProblem[] = []): JsonSchema {
  const converted = convert(schema, options, 0, [], problems);
  if (options.crdRoot && isObject(converted)) {
    const properties = isObject(converted.properties) ? converted.properties : {};
    converted.properties = {
      ...properties,
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
    };
    if (converted.type === undefined) converted.type = 'object';
    if (options.closeObjects !== 'none' && converted.additionalProperties === undefined && !preservesUnknown(schema))
      converted.additionalProperties = false;
  }
  return converted;
}

const isObject = (value: unknown): value is SchemaObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const preservesUnknown = (schema: unknown) =>
  isObject(schema) && schema['x-kubernetes-preserve-unknown-fields'] === true;

const MAX_DEPTH = 64;

function convert(
  schema: unknown,
  options: ConvertOptions,
  depth: number,
  at: Array<string | number>,
  problems: SchemaProblem[],
): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  if (!isObject(schema) || depth > MAX_DEPTH) return {};
  const out: SchemaObject = {};
  const sub = (value: unknown, ...path: Array<string | number>) =>
    convert(value, options, depth + 1, [...at, ...path], problems);
  for (const [keyword, value] of Object.entries(schema)) {
    if (DROPPED.has(keyword) || keyword.startsWith('x-')) continue;
    if (MODE_KEYWORDS.has(keyword)) {
      problems.push({
        path: [...at, keyword],
        message: `${keyword} is ignored: a schema from the inputs cannot change how validation runs`,
        fatal: false,
      });
      continue;
    }
    if (REFERENCES.includes(keyword)) {
      if (keyword === '$ref' && typeof value === 'string' && (value === '#' || value.startsWith('#/')))
        out[keyword] = value;
      else
        problems.push({
          path: [...at, keyword],
          message: `${keyword} ${clipped(value)} refers outside this schema (only "#/…" references within it are followed)`,
          fatal: true,
        });
      continue;
    }
    if (SCHEMA_VALUED.includes(keyword))
      out[keyword] = Array.isArray(value) ? value.map((v, i) => sub(v, keyword, i)) : sub(value, keyword);
    else if (SCHEMA_MAPS.includes(keyword) && isObject(value))
      out[keyword] = mapValues(value, (v, name) => (Array.isArray(v) ? v : sub(v, keyword, name)));
    else if (SCHEMA_LISTS.includes(keyword) && Array.isArray(value))
      out[keyword] = value.map((v, i) => sub(v, keyword, i));
    else out[keyword] = value;
  }
  openApiBounds(out);

  if (schema['x-kubernetes-int-or-string'] === true) {
    out.type = ['integer', 'string'];
    // The CRD spelling of int-or-string is `anyOf: [{type: integer}, {type: string}]`: now redundant.
    for (const keyword of ['anyOf', 'oneOf'])
      if (Array.isArray(out[keyword]) && (out[keyword] as unknown[]).every(isTypeOnly)) delete out[keyword];
  }
  if (schema['x-kubernetes-embedded-resource'] === true) {
    out.type = 'object';
    out.properties = {
      apiVersion: { type: 'string' },
      kind: { type: 'string' },
      metadata: { type: 'object' },
      ...(isObject(out.properties) ? out.properties : {}),
    };
    out.required = [
      ...new Set([...(Array.isArray(out.required) ? (out.required as string[]) : []), 'apiVersion', 'kind']),
    ];
  }
  // ajv's uniqueItems compares every pair and a large enum compiles to one comparison per value: both quadratic or
  // worse on untrusted CRDs (60,000 set items: 43 s; a 70,000-value enum: 63 s to compile). Hash-set keywords
  // registered in runtime-ajv.ts do the same checks in linear time, with the same error keywords and params.
  if (schema['x-kubernetes-list-type'] === 'set') out[SET_KEYWORD] = true;
  if (Array.isArray(out.enum) && out.enum.length > LARGE_ENUM) {
    out[ENUM_KEYWORD] = out.enum;
    delete out.enum;
  }

  const isObjectType = out.type === 'object' || (out.type === undefined && isObject(out.properties));
  if (isObjectType && out.additionalProperties === undefined && !preservesUnknown(schema)) {
    if (options.closeObjects === 'all' || (options.closeObjects === 'declared' && isObject(out.properties)))
      out.additionalProperties = false;
  }
  return out;
}

/** OpenAPI 3.0 / draft-04 spell exclusive bounds as booleans next to minimum/maximum. */
function openApiBounds(out: SchemaObject): void {
  for (const [exclusive, bound] of [
    ['exclusiveMinimum', 'minimum'],
    ['exclusiveMaximum', 'maximum'],
  ] as const) {
    if (out[exclusive] === true && typeof out[bound] === 'number') {
      out[exclusive] = out[bound];
      delete out[bound];
    } else if (typeof out[exclusive] === 'boolean') delete out[exclusive];
  }
}

const isTypeOnly = (s: unknown) => isObject(s) && Object.keys(s).every((k) => k === 'type');

function mapValues(map: SchemaObject, f: (value: unknown, key: string) => unknown): SchemaObject {
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(map))
    Object.defineProperty(out, key, { value: f(value, key), enumerable: true, writable: true, configurable: true });
  return out;
}

function clipped(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}
