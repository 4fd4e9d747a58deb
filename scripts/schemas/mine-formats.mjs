/**
 * The TypeScript declarations say `number` for every numeric field and nothing about
 * string formats, but the API distinguishes int32 / int64 / double and base64 `byte`
 * strings. kubernetes-models also ships precompiled (non-strict) ajv validators in
 * `_schemas/*.js`; we read — never execute — those files to recover, per property,
 * the JSON type and format the OpenAPI spec declared.
 *
 * The files are ajv standalone output: flat `function validateN(data, …)` bodies,
 * a root exported as `export const validate=validateN`, and per-property calls of the
 * form `validateK(data.prop,{instancePath:instancePath+"/prop",…})`.
 */
import fs from 'node:fs';
import path from 'node:path';

/** @typedef {{type?: 'integer'|'number', format?: string}} LeafFormat */

const FUNCTION_START = /function (validate\d+)\(data,/g;
const PROPERTY_CALL = /(validate\d+)\(data(?:\.[A-Za-z_$][\w$]*|\["[^"]*"\]),\{instancePath:instancePath\+"\/([^"]+)"/g;
const CALL = /\b(validate\d+)\(/g;
const TYPE_PARAM = /params:\{type:"(integer|number)"\}/g;
const FORMAT_PARAM = /params:\{format:"([\w-]+)"\}/g;
/** Checks ajv inlined into the root function (it does so in recursive schemas such as JSONSchemaProps). */
const INLINE_CHECK = /schemaPath:"#\/properties\/([^/"]+)\/(?:type|format)",keyword:"\w+",params:\{(type|format):"([\w-]+)"\}/g;

/**
 * @param {string[]} schemaDirs the `_schemas` directories to look in
 * @param {string} schemaId e.g. `IoK8sApiAppsV1DeploymentSpec`
 * @returns {Map<string, LeafFormat>} property name → numeric type / format of its leaf values
 */
export function mineLeafFormats(schemaDirs, schemaId) {
  const file = schemaDirs.map((dir) => path.join(dir, `${schemaId}.js`)).find((f) => fs.existsSync(f));
  const result = new Map();
  if (!file) return result;
  const code = fs.readFileSync(file, 'utf8');
  const bodies = functionBodies(code);
  const root = /export const validate=(validate\d+)/.exec(code)?.[1];
  if (!root || !bodies.has(root)) return result;

  for (const [, fn, pointer] of bodies.get(root).matchAll(PROPERTY_CALL)) {
    const property = pointer.replaceAll('~1', '/').replaceAll('~0', '~');
    const leaf = leafFormatOf(fn, bodies);
    if (leaf.type || leaf.format) result.set(property, leaf);
  }
  for (const [, pointer, keyword, value] of bodies.get(root).matchAll(INLINE_CHECK)) {
    const property = pointer.replaceAll('~1', '/').replaceAll('~0', '~');
    const leaf = result.get(property) ?? {};
    if (keyword === 'type' && (value === 'integer' || value === 'number')) leaf.type ??= value;
    if (keyword === 'format') leaf.format ??= value;
    if (leaf.type || leaf.format) result.set(property, leaf);
  }
  return result;
}

/** Splits the module into `validateN` → body text (the functions are emitted flat, one after another). */
function functionBodies(code) {
  const starts = [...code.matchAll(FUNCTION_START)].map((m) => ({ name: m[1], index: m.index }));
  const bodies = new Map();
  starts.forEach((start, i) => bodies.set(start.name, code.slice(start.index, starts[i + 1]?.index ?? code.length)));
  return bodies;
}

/** Type/format checks made by a property's validator and the local helpers it calls (array items, map values). */
function leafFormatOf(fn, bodies, seen = new Set()) {
  /** @type {LeafFormat} */
  const leaf = {};
  if (seen.has(fn) || !bodies.has(fn)) return leaf; // imported validators are other definitions: not a leaf
  seen.add(fn);
  const body = bodies.get(fn);
  for (const [, type] of body.matchAll(TYPE_PARAM)) leaf.type ??= type;
  for (const [, format] of body.matchAll(FORMAT_PARAM)) leaf.format ??= format;
  for (const [, callee] of body.matchAll(CALL)) {
    if (callee === fn) continue;
    const inner = leafFormatOf(callee, bodies, seen);
    leaf.type ??= inner.type;
    leaf.format ??= inner.format;
  }
  return leaf;
}
