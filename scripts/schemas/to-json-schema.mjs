/**
 * Turns the declaration model (read-declarations.mjs) plus the mined numeric formats
 * (mine-formats.mjs) into strict JSON Schema (draft-07) definitions:
 *   - every object type with declared properties gets `additionalProperties: false`,
 *     because the API server rejects (strict field validation) or drops unknown fields;
 *   - maps (`labels`, `data`, `resources.requests`) keep `additionalProperties: {…}`;
 *   - apiVersion / kind of a top-level kind become constants;
 *   - doc comments become `description`.
 */
import { DEFINITION_OVERLAYS } from './overlays.mjs';

/**
 * @param {Map<string, import('./read-declarations.mjs').Declaration>} declarations
 * @param {(schemaId: string) => Map<string, import('./mine-formats.mjs').LeafFormat>} leafFormatsOf
 * @returns {Record<string, object>} definition name → JSON schema
 */
export function toDefinitions(declarations, leafFormatsOf) {
  const definitions = {};
  for (const [name, declaration] of declarations) {
    const overlay = DEFINITION_OVERLAYS[name];
    const generated = overlay
      ? structuredClone(overlay)
      : shapeToSchema(declaration.shape, { leafFormats: leafFormatsOf(declaration.schemaId) });
    definitions[name] = withDescription(generated, declaration.description);
  }
  return definitions;
}

function withDescription(schema, description) {
  if (!description || typeof schema !== 'object') return schema;
  return { description, ...schema };
}

/** @param {import('./read-declarations.mjs').TypeShape} shape */
function shapeToSchema(shape, context) {
  switch (shape.kind) {
    case 'object':
      return objectSchema(shape.properties, context);
    case 'primitive':
      return primitiveSchema(shape.name, context.leaf);
    case 'literals':
      return shape.values.length === 1 && context.isTypeMeta
        ? { type: 'string', const: shape.values[0] }
        : { type: 'string', enum: [...shape.values] };
    case 'ref':
      return { $ref: `#/definitions/${shape.target}` };
    case 'array':
      return { type: 'array', items: shapeToSchema(shape.items, { leaf: context.leaf }) };
    case 'map':
      return { type: 'object', additionalProperties: shapeToSchema(shape.values, { leaf: context.leaf }) };
    default:
      throw new Error(`cannot convert ${JSON.stringify(shape)}`);
  }
}

function objectSchema(properties, { leafFormats = new Map() }) {
  // Empty declarations (FieldsV1, RawExtension, subresources.status) hold free-form objects.
  if (properties.length === 0) return { type: 'object' };
  const schema = { type: 'object', properties: {} };
  const required = [];
  for (const property of properties) {
    const context = { leaf: leafFormats.get(property.name), isTypeMeta: property.name === 'apiVersion' || property.name === 'kind' };
    schema.properties[property.name] = withDescription(shapeToSchema(property.type, context), property.description);
    if (!property.optional) required.push(property.name);
  }
  if (required.length > 0) schema.required = required;
  schema.additionalProperties = false;
  return schema;
}

function primitiveSchema(name, leaf) {
  switch (name) {
    case 'string':
      return leaf?.format ? { type: 'string', format: leaf.format } : { type: 'string' };
    case 'boolean':
      return { type: 'boolean' };
    case 'any':
      return {};
    case 'number': {
      if (!leaf?.type) throw new Error('a number property without a mined integer/number type');
      return leaf.format ? { type: leaf.type, format: leaf.format } : { type: leaf.type };
    }
  }
  throw new Error(`unknown primitive ${name}`);
}
