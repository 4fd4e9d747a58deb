/**
 * The text a manifest is diffed as: status dropped, comments and formatting gone (the object is
 * re-serialised), keys in a stable order (apiVersion, kind, metadata, spec first; every other mapping sorted).
 */
import { stringify } from 'yaml';
import { dict } from '../core/dict.js';

const TOP_ORDER = ['apiVersion', 'kind', 'metadata', 'spec'];

function sortKeys(value: unknown, depth: number): unknown {
  if (Array.isArray(value)) return value.map((v) => sortKeys(v, depth + 1));
  if (value === null || typeof value !== 'object' || value instanceof Date || ArrayBuffer.isView(value)) return value;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (depth === 0) keys.sort((a, b) => rank(a) - rank(b));
  const out = dict<unknown>();
  for (const k of keys) out[k] = sortKeys(obj[k], depth + 1);
  return out;
}

function rank(key: string): number {
  const i = TOP_ORDER.indexOf(key);
  return i < 0 ? TOP_ORDER.length : i;
}

/** Normalised YAML of one object (YAML 1.1 quoting, so `"yes"` or `"0755"` stay strings when read back). */
export function normalizedYaml(object: Record<string, unknown>): string {
  const { status: _status, ...rest } = object;
  return stringify(sortKeys(rest, 0), { version: '1.1', lineWidth: 0, aliasDuplicateObjects: false });
}
