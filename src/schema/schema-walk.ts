/**
 * Walks a JSON Schema along a data path, following `$ref`s, so error messages can name the
 * fields a mapping allows (for "did you mean") and editors can show a field's documentation.
 */
import type { JsonPath } from '../core/types.js';
import { safeTest } from './safe-regexp.js';

export type JsonSchema = boolean | { [keyword: string]: unknown };
type SchemaObject = { [keyword: string]: unknown };

const isObject = (s: unknown): s is SchemaObject => typeof s === 'object' && s !== null && !Array.isArray(s);

export class SchemaWalker {
  /**
   * @param document the schema document `#/…` references resolve against
   * @param root where walking starts (the kind's schema inside `document`)
   */
  constructor(
    private readonly document: JsonSchema,
    private readonly root: JsonSchema,
  ) {}

  /** The (unresolved) schema that applies at `path`, or undefined when the path leaves the schema. */
  at(path: JsonPath, data?: unknown): JsonSchema | undefined {
    let schema: JsonSchema | undefined = this.root;
    let node = data;
    for (const segment of path) {
      if (schema === undefined) return undefined;
      schema = this.child(schema, segment, node);
      node =
        node !== null && typeof node === 'object' ? (node as Record<string | number, unknown>)[segment] : undefined;
    }
    return schema;
  }

  /** The field names a mapping at `path` may have (empty when it takes any keys). */
  propertyNames(path: JsonPath, data?: unknown): string[] {
    const schema = this.at(path, data);
    if (schema === undefined) return [];
    const names = new Set<string>();
    for (const view of this.views(schema, undefined))
      if (isObject(view.properties)) for (const name of Object.keys(view.properties)) names.add(name);
    return [...names];
  }

  /** The documentation of the field at `path`: its own description, else its type's. */
  description(path: JsonPath): string | undefined {
    const schema = this.at(path);
    if (!isObject(schema)) return undefined;
    if (typeof schema.description === 'string') return schema.description;
    for (const view of this.views(schema, undefined)) if (typeof view.description === 'string') return view.description;
    return undefined;
  }

  private child(schema: JsonSchema, segment: string | number, data: unknown): JsonSchema | undefined {
    const views = this.views(schema, data);
    for (const view of views) {
      if (typeof segment === 'string' && isObject(view.properties) && Object.hasOwn(view.properties, segment))
        return view.properties[segment] as JsonSchema;
    }
    for (const view of views) {
      if (typeof segment === 'string' && isObject(view.patternProperties)) {
        for (const [pattern, sub] of Object.entries(view.patternProperties))
          if (safeTest(pattern, segment)) return sub as JsonSchema;
      }
      if (typeof segment === 'string' && (isObject(view.additionalProperties) || view.additionalProperties === true))
        return view.additionalProperties as JsonSchema;
      if (typeof segment === 'number') {
        if (Array.isArray(view.items))
          return (view.items[segment] as JsonSchema | undefined) ?? (view.additionalItems as JsonSchema | undefined);
        if (view.items !== undefined) return view.items as JsonSchema;
      }
    }
    return undefined;
  }

  /** The schema and the subschemas that also apply to the same value ($ref, allOf, anyOf/oneOf, if/then/else). */
  private views(schema: JsonSchema, data: unknown, depth = 0): SchemaObject[] {
    if (!isObject(schema) || depth > 32) return [];
    const out: SchemaObject[] = [schema];
    if (typeof schema.$ref === 'string') {
      const target = this.resolve(schema.$ref);
      if (target !== undefined) out.push(...this.views(target, data, depth + 1));
    }
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const list = schema[keyword];
      if (Array.isArray(list)) for (const sub of list) out.push(...this.views(sub as JsonSchema, data, depth + 1));
    }
    if (schema.if !== undefined) {
      // Without data, both branches may apply; with data, the one `if` selects (our unions test the JSON type).
      const branches =
        data === undefined ? [schema.then, schema.else] : [matchesType(schema.if, data) ? schema.then : schema.else];
      for (const branch of branches)
        if (branch !== undefined) out.push(...this.views(branch as JsonSchema, data, depth + 1));
    }
    return out;
  }

  private resolve(ref: string): JsonSchema | undefined {
    if (!ref.startsWith('#')) return undefined; // no external documents
    let node: unknown = this.document;
    for (const raw of ref.slice(1).split('/').slice(1)) {
      const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
      if (!isObject(node)) return undefined;
      node = node[key];
    }
    return node as JsonSchema | undefined;
  }
}

function matchesType(condition: unknown, data: unknown): boolean {
  if (!isObject(condition) || typeof condition.type !== 'string') return false;
  const actual = Array.isArray(data) ? 'array' : data === null ? 'null' : typeof data;
  return condition.type === actual;
}
