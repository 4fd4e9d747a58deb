/**
 * Compiles the strict schemas ahead of time with ajv's standalone mode, so `kubeplan lint`
 * never compiles a built-in schema at run time.
 *
 * Output (all generated, all committed):
 *   src/schema/generated/validators.js     ESM index: the kind table and a synchronous, lazy `loadValidator()`
 *   src/schema/generated/validators.d.ts   its types
 *   schemas/v<minor>/validators/<chunk>.cjs   ajv standalone code for a group of kinds
 *
 * The chunks live next to the JSON schemas rather than under src/ because tsc (allowJs) would
 * otherwise re-emit 3 MB of generated JavaScript and infer declarations for it, which more than
 * doubles `npm run compile` (12 s → 31 s); `schemas/` ships with the package as it is.
 *
 * Why chunks: one module with every kind is ~2.5 MB and costs 60–80 ms to import, most of it
 * for kinds a given run never sees. Kinds are grouped so that those sharing the big PodSpec
 * closure (all workloads) share one chunk, and the rest are grouped by API group; beta versions
 * (in this package: versions removed from the API server, kept for old manifests) get chunks of
 * their own, so current manifests never pay for them. A run loads only the chunks of the kinds
 * present. Chunks are CommonJS because validateManifests() is synchronous and Node 20 can only
 * load CommonJS synchronously (src/core/chunk-loader.ts: require, or V8's code cache in the bundle).
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { closureOf } from './closure.mjs';

const AJV_OPTIONS = {
  allErrors: true,
  strict: true,
  allowUnionTypes: true,
  messages: false, // messages are written by src/schema/explain.ts from the error params
  inlineRefs: false, // one function per definition keeps chunks small
  code: { source: true, esm: false, lines: false, optimize: true },
};

/** Formats the generated schemas use; ajv-formats implements them (int32/int64 ranges, base64, RFC 3339). */
const FORMATS = ['byte', 'date-time', 'double', 'int32', 'int64'];

/** The definition whose closure marks a kind as a workload (it embeds a pod template). */
const WORKLOAD_MARKER = 'core.v1.PodSpec';

/**
 * @param {Record<string, object>} definitions definition name → schema
 * @param {{apiVersion: string, kind: string, group: string, definition: string, file: string}[]} kinds
 * @returns {{chunks: Record<string, string>, index: Record<string, string>}} file name → content, for the
 *   chunk directory and for src/schema/generated
 */
export function compileValidators(definitions, kinds, { banner, kubeVersion }) {
  const lean = withoutDescriptions(definitions);
  const groups = groupIntoChunks(lean, kinds);
  const chunks = {};
  for (const [chunk, members] of groups) chunks[`${chunk}.cjs`] = `${banner}\n${compileChunk(lean, members)}\n`;
  const index = { 'validators.js': indexModule(banner, kubeVersion, groups), 'validators.d.ts': indexTypes(banner) };
  return { chunks, index };
}

/** The export name of a kind's validator: its schema file name as an identifier (`deployment_apps_v1`). */
function exportNameOf(file) {
  return file.replace(/\.json$/, '').replace(/[^A-Za-z0-9]/g, '_');
}

function groupIntoChunks(definitions, kinds) {
  const chunks = new Map();
  const add = (chunk, member) => (chunks.has(chunk) ? chunks.get(chunk).push(member) : chunks.set(chunk, [member]));
  for (const k of kinds) {
    const family = closureOf(definitions, [k.definition]).has(WORKLOAD_MARKER) ? 'workloads' : k.group === '' ? 'core' : k.group.split('.')[0];
    const chunk = /alpha|beta/.test(k.version) ? `${family}-beta` : family;
    add(chunk, { ...k, exportName: exportNameOf(k.file) });
  }
  // Custom resources' metadata is checked with the built-in ObjectMeta schema.
  add('meta', { definition: 'meta.v1.ObjectMeta', exportName: 'objectMeta' });
  return new Map([...chunks].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function compileChunk(definitions, members) {
  const ajv = new Ajv(AJV_OPTIONS);
  addFormats(ajv, FORMATS);
  ajv.addSchema({ $id: 'k8s.json', definitions });
  const exports = {};
  for (const m of members) exports[m.exportName] = `k8s.json#/definitions/${m.definition}`;
  return standaloneCode(ajv, exports);
}

/** Descriptions do not change validation; leaving them out keeps the compiled code lean. */
function withoutDescriptions(value) {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === 'description' && typeof v === 'string' ? undefined : v)));
}

function indexModule(banner, kubeVersion, chunks) {
  const kindsByApiVersion = {};
  for (const [chunk, members] of chunks) {
    for (const m of members) {
      if (!m.kind) continue;
      (kindsByApiVersion[m.apiVersion] ??= {})[m.kind] = { chunk, exportName: m.exportName, definition: m.definition, file: m.file };
    }
  }
  const sorted = Object.fromEntries(
    Object.entries(kindsByApiVersion)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([apiVersion, byKind]) => [apiVersion, Object.fromEntries(Object.entries(byKind).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))]),
  );
  return `${banner}
import path from 'node:path';
import { loadChunk } from '../../core/chunk-loader.js';
import { packageFile } from '../../core/package-root.js';

/** The Kubernetes minor these validators describe. */
export const kubeVersion = ${JSON.stringify(kubeVersion)};

/** apiVersion → kind → where its validator lives and which definition it validates. */
export const kinds = ${JSON.stringify(sorted, null, 2)};

const loaded = new Map();
let chunkDir;

/** schemas/v<minor>/validators at the package root (found from src/ and from dist/src/ alike). */
function findChunkDir() {
  return packageFile(\`schemas/v\${kubeVersion}/validators\`);
}

/** Loads (once) the chunk holding \`exportName\`; synchronous so validation can stay synchronous. */
function load(chunk, exportName) {
  let module = loaded.get(chunk);
  if (!module) {
    chunkDir ??= findChunkDir();
    module = loadChunk(path.join(chunkDir, \`\${chunk}.cjs\`));
    loaded.set(chunk, module);
  }
  return module[exportName];
}

/** The validator for a built-in kind, or undefined. */
export function loadValidator(apiVersion, kind) {
  const entry = Object.hasOwn(kinds, apiVersion) && Object.hasOwn(kinds[apiVersion], kind) ? kinds[apiVersion][kind] : undefined;
  return entry ? load(entry.chunk, entry.exportName) : undefined;
}

/** The validator for metav1.ObjectMeta (used for custom resources' metadata). */
export function loadObjectMetaValidator() {
  return load('meta', 'objectMeta');
}
`;
}

function indexTypes(banner) {
  return `${banner}
import type { BuiltinKind, CompiledValidator } from '../builtin.js';

export declare const kubeVersion: string;
export declare const kinds: Record<string, Record<string, BuiltinKind>>;
export declare function loadValidator(apiVersion: string, kind: string): CompiledValidator | undefined;
export declare function loadObjectMetaValidator(): CompiledValidator;
`;
}
