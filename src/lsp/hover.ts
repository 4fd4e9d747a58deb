/**
 * `textDocument/hover`: the API documentation of the field under the cursor.
 *
 * Positions: LSP sends 0-based lines and 0-based characters counted in UTF-16 code units (the protocol's default
 * encoding; the server does not negotiate another). The loader's lines and columns are 1-based and its columns are
 * JavaScript string indices from the line start — also UTF-16 code units — so the conversion is +1 on both, and
 * non-ASCII text (including characters outside the BMP, two code units each) needs no further mapping. Lines are
 * split at `\n` only (a `\r\n` line ends before its `\r`); a lone `\r` is not a line break to the loader.
 */
import type { JsonPath, Manifest } from '../core/types.js';
import { loadText, type LoadLimits } from '../load/index.js';
import { builtinKind, builtinWalker } from '../schema/builtin.js';
import { fieldDoc } from '../schema/index.js';
import type { JsonSchema } from '../schema/schema-walk.js';

export interface Position {
  line: number;
  character: number;
}

export interface Hover {
  contents: { kind: 'markdown'; value: string };
  range: { start: Position; end: Position };
}

/** The hover for `position` in `manifests` (read from the document's text), or null outside a documented field. */
export function hoverAt(manifests: readonly Manifest[], position: unknown): Hover | null {
  const p = position as Partial<Position> | null | undefined;
  if (!p || !Number.isSafeInteger(p.line) || !Number.isSafeInteger(p.character) || p.line! < 0 || p.character! < 0)
    return null;
  for (const manifest of manifests) {
    const hit = manifest.pathAt?.(p.line! + 1, p.character! + 1);
    if (!hit) continue;
    const { apiVersion, kind } = manifest.object;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string') return null;
    const description = fieldDoc(apiVersion, kind, hit.path);
    if (description === undefined) return null;
    const type = hit.path.length === 0 ? undefined : typeAt(apiVersion, kind, hit.path);
    const title = hit.path.length === 0 ? kind : formatPath(hit.path);
    const value = [`**${escapeMarkdown(title)}**${type ? ` \`${type}\`` : ''}`, '', description].join('\n');
    const r = manifest.locate(hit.path, hit.onKey ? 'key' : 'value');
    return {
      contents: { kind: 'markdown', value },
      range: {
        start: { line: r.line - 1, character: r.column - 1 },
        end: { line: r.endLine - 1, character: r.endColumn - 1 },
      },
    };
  }
  return null;
}

/** Reads an open document's objects for hovers (parse only: no schema validation or rules). */
export function readManifests(text: string, file: string, limits?: Partial<LoadLimits>): Manifest[] {
  return loadText(text, file, limits).manifests;
}

/** `spec.template.spec.containers[0].image`; keys that are not identifiers are quoted: `labels["app.kubernetes.io/name"]`. */
export function formatPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** The field's type, when the schema states it directly (`integer (int32)`, `Container[]`, `ObjectMeta`). */
function typeAt(apiVersion: string, kind: string, path: JsonPath): string | undefined {
  const builtin = builtinKind(apiVersion, kind);
  const schema = builtin ? builtinWalker(builtin.definition)?.at(path) : undefined;
  return typeName(schema, 0);
}

function typeName(schema: JsonSchema | undefined, depth: number): string | undefined {
  if (typeof schema !== 'object' || schema === null || depth > 2) return undefined;
  if (typeof schema.$ref === 'string') return schema.$ref.split(/[/.]/).pop() || undefined;
  const type = Array.isArray(schema.type)
    ? schema.type.filter((t) => typeof t === 'string').join(' | ')
    : typeof schema.type === 'string'
      ? schema.type
      : undefined;
  if (type === 'array') {
    const item = typeName(schema.items as JsonSchema | undefined, depth + 1);
    return item ? `${item.includes(' ') ? `(${item})` : item}[]` : 'array';
  }
  if (type === 'object' && typeof schema.additionalProperties === 'object' && schema.additionalProperties !== null) {
    const value = typeName(schema.additionalProperties as JsonSchema, depth + 1);
    return value ? `map[string]${value}` : 'object';
  }
  if (type && typeof schema.format === 'string') return `${type} (${schema.format})`;
  return type || undefined;
}

/** Escapes what could end the bold or start markup (`[0]` stays readable: with `(` escaped it can never be a link). */
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_()<>]/g, (c) => `\\${c}`);
}
