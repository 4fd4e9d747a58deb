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

/** Subschema keywords whose values are schemas / maps of schemas / lists of schemas. */
const SCHEMA_VALUED = ['additionalProperties', 'additionalItems', 'not', 'items'];
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions', '$defs', 'dependencies'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
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
]);

export function toJsonSchema(schema: unknown, options: ConvertOptions): JsonSchema {
  const converted = convert(schema, options, 0);
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

function convert(schema: unknown, options: ConvertOptions, depth: number): JsonSchema {
  if (typeof schema === 'boolean') return schema;
  if (!isObject(schema) || depth > MAX_DEPTH) return {};
  const out: SchemaObject = {};
  for (const [keyword, value] of Object.entries(schema)) {
    if (DROPPED.has(keyword) || keyword.startsWith('x-')) continue;
    if (SCHEMA_VALUED.includes(keyword))
      out[keyword] = Array.isArray(value)
        ? value.map((v) => convert(v, options, depth + 1))
        : convert(value, options, depth + 1);
    else if (SCHEMA_MAPS.includes(keyword) && isObject(value))
      out[keyword] = mapValues(value, (v) => (Array.isArray(v) ? v : convert(v, options, depth + 1)));
    else if (SCHEMA_LISTS.includes(keyword) && Array.isArray(value))
      out[keyword] = value.map((v) => convert(v, options, depth + 1));
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
  if (schema['x-kubernetes-list-type'] === 'set') out.uniqueItems = true;

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

function mapValues(map: SchemaObject, f: (value: unknown) => unknown): SchemaObject {
  const out: SchemaObject = {};
  for (const [key, value] of Object.entries(map))
    Object.defineProperty(out, key, { value: f(value), enumerable: true, writable: true, configurable: true });
  return out;
}
