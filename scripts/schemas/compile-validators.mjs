/**
 * Compiles the strict schemas ahead of time with ajv's standalone mode into one ESM
 * module, so `kubeplan lint` never compiles a built-in schema at run time.
 *
 * The module exports one validator per kind plus `kinds` (apiVersion → kind → validator).
 * Shared definitions (PodSpec, ObjectMeta, …) become shared functions.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';

/** ajv options shared by generation and the runtime (CRDs, --schema-dir): see src/schema/ajv-options.ts. */
export const AJV_OPTIONS = {
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  messages: false, // we write our own messages from the error params
  inlineRefs: false, // one function per definition keeps the module small
  code: { source: true, esm: true, lines: false, optimize: true },
};

/**
 * @param {Record<string, object>} definitions definition name → schema (descriptions may be included)
 * @param {{definition: string, exportName: string, apiVersion: string, kind: string}[]} kinds
 * @param {{banner: string}} options
 * @returns {string} the module source
 */
export function compileValidators(definitions, kinds, { banner }) {
  const ajv = new Ajv(AJV_OPTIONS);
  addFormats(ajv, ['date-time', 'byte', 'int32', 'int64', 'double']);
  ajv.addSchema({ $id: 'defs.json', definitions: withoutDescriptions(definitions) });
  const exports = {};
  for (const k of kinds) exports[k.exportName] = `defs.json#/definitions/${k.definition}`;
  // Extra entry points used by the runtime: ObjectMeta for custom resources' metadata.
  exports.objectMeta = 'defs.json#/definitions/meta.v1.ObjectMeta';

  const code = standaloneCode(ajv, exports);
  return [banner, esmImports(code), kindIndex(kinds), ''].join('\n');
}

/** Descriptions do not change validation; leaving them out keeps the compiled module lean. */
function withoutDescriptions(value) {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'description' && typeof v === 'string' ? undefined : v)));
}

/**
 * ajv's standalone output calls `require(...)` for its runtime helpers and formats even in
 * ESM mode; turn those into imports so the module loads as plain ESM.
 */
function esmImports(code) {
  const modules = new Map();
  const body = code.replace(/require\("([^"]+)"\)/g, (_, specifier) => {
    if (!modules.has(specifier)) modules.set(specifier, `runtime${modules.size}`);
    return modules.get(specifier);
  });
  const imports = [...modules].map(([specifier, name]) => `import ${name} from ${JSON.stringify(withJsExtension(specifier))};`);
  return [...imports, body.replace(/^"use strict";/, '')].join('\n');
}

const withJsExtension = (specifier) => (specifier.endsWith('.js') ? specifier : `${specifier}.js`);

function kindIndex(kinds) {
  const byApiVersion = {};
  for (const k of kinds) (byApiVersion[k.apiVersion] ??= []).push(`${JSON.stringify(k.kind)}: ${k.exportName}`);
  const entries = Object.entries(byApiVersion).map(([apiVersion, list]) => `  ${JSON.stringify(apiVersion)}: { ${list.join(', ')} },`);
  return `\n/** apiVersion → kind → validator */\nexport const kinds = {\n${entries.join('\n')}\n};`;
}
