/**
 * Linear-time replacements for two JSON Schema keywords that ajv evaluates quadratically, used for untrusted schemas
 * (CRDs, --schema-dir): `x-kubernetes-list-type: set` (uniqueItems) and large `enum`s. Errors keep the standard
 * keyword and params (`uniqueItems` {i, j}, `enum` {allowedValues}) so explain.ts words them as before.
 */
import type { Ajv } from 'ajv';

export const SET_KEYWORD = 'x-kubeplan-unique-items';
export const ENUM_KEYWORD = 'x-kubeplan-enum';
/** Enums up to this size stay ajv's own (compiled comparisons are fastest there). */
export const LARGE_ENUM = 64;

/** A key equal for deep-equal JSON values (object keys sorted), as uniqueItems and enum compare. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return '[' + value.map(canonicalJson).join(',') + ']';
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return (
      '{' +
      keys.map((k) => JSON.stringify(k) + ':' + canonicalJson((value as Record<string, unknown>)[k])).join(',') +
      '}'
    );
  }
  return JSON.stringify(value) ?? 'null';
}

type ErrorCarrier = { errors?: unknown[] };

export function addLinearKeywords(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: SET_KEYWORD,
    type: 'array',
    schemaType: 'boolean',
    errors: true,
    validate: function uniqueItems(this: unknown, enabled: boolean, data: unknown[]): boolean {
      const self = uniqueItems as unknown as ErrorCarrier;
      if (!enabled) return true;
      const seen = new Map<string, number>();
      for (let j = 0; j < data.length; j++) {
        const key = canonicalJson(data[j]);
        const i = seen.get(key);
        if (i !== undefined) {
          self.errors = [{ keyword: 'uniqueItems', params: { i, j }, message: 'must NOT have duplicate items' }];
          return false;
        }
        seen.set(key, j);
      }
      return true;
    },
  });
  const allowedSets = new WeakMap<unknown[], Set<string>>();
  ajv.addKeyword({
    keyword: ENUM_KEYWORD,
    schemaType: 'array',
    errors: true,
    validate: function largeEnum(allowed: unknown[], data: unknown): boolean {
      const self = largeEnum as unknown as ErrorCarrier;
      let set = allowedSets.get(allowed);
      if (!set) allowedSets.set(allowed, (set = new Set(allowed.map(canonicalJson))));
      if (set.has(canonicalJson(data))) return true;
      self.errors = [
        { keyword: 'enum', params: { allowedValues: allowed }, message: 'must be equal to one of the allowed values' },
      ];
      return false;
    },
  });
}
