/**
 * One finding per real problem. ajv with `allErrors` reports every failed keyword, so one
 * mistake often yields several errors: each branch of an anyOf/oneOf, an enum *and* a type
 * error for the same value, a "required" next to the misspelt key that was meant to satisfy it.
 * This module reduces the raw list to the errors worth explaining.
 */
import type { ErrorObject } from 'ajv';
import { closestMatch } from './suggest.js';

/** An ajv error, plus the field name we are confident the author meant (from a missing required field). */
export interface SchemaError extends Pick<ErrorObject, 'instancePath' | 'schemaPath' | 'keyword'> {
  params: Record<string, unknown>;
  meant?: string;
}

/** Keywords about the value itself; a type error on the same value makes them noise. */
const VALUE_KEYWORDS = new Set([
  'enum',
  'const',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
]);

export function collapseErrors(errors: readonly ErrorObject[]): SchemaError[] {
  let list: SchemaError[] = errors
    .filter((e) => e.keyword !== 'if') // the failing then/else branch says what is wrong
    .map((e) => ({
      instancePath: e.instancePath,
      schemaPath: e.schemaPath,
      keyword: e.keyword,
      params: { ...(e.params as Record<string, unknown>) },
    }));
  list = collapseAlternatives(list);
  list = dropNoiseNextToTypeErrors(list);
  list = pairMisspeltRequiredFields(list);
  return dedupe(list);
}

/**
 * An anyOf/oneOf that failed is reported once: as a single type error when every branch
 * wanted a different type ("expected integer or string"), else with the errors of the branch
 * that came closest (the value had its type, something inside it was wrong).
 * Innermost combinators go first so outer ones see already-collapsed branches.
 */
function collapseAlternatives(list: SchemaError[]): SchemaError[] {
  const combinators = list
    .filter((e) => (e.keyword === 'anyOf' || e.keyword === 'oneOf') && !Array.isArray(e.params.passingSchemas))
    .sort((a, b) => b.schemaPath.length - a.schemaPath.length);
  let current = list;
  for (const combinator of combinators) {
    const prefix = `${combinator.schemaPath}/`;
    const branches = new Map<string, SchemaError[]>();
    for (const e of current) {
      if (e === combinator || !e.schemaPath.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0]!;
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    const all = [...branches.values()];
    const typeOnly = (errs: SchemaError[]) =>
      errs.every((e) => e.keyword === 'type' && e.instancePath === combinator.instancePath);
    let replacement: SchemaError[];
    if (all.length === 0) {
      replacement = [combinator];
    } else if (all.every(typeOnly)) {
      const types = [...new Set(all.flat().flatMap((e) => typeList(e.params.type)))];
      replacement = [{ ...combinator, keyword: 'type', params: { type: types } }];
    } else {
      const candidates = all.filter((errs) => !typeOnly(errs));
      replacement = candidates.reduce((best, errs) => (errs.length < best.length ? errs : best));
    }
    const drop = new Set([combinator, ...all.flat()]);
    const next: SchemaError[] = [];
    let inserted = false;
    for (const e of current) {
      if (!drop.has(e)) next.push(e);
      else if (!inserted) {
        next.push(...replacement);
        inserted = true;
      }
    }
    current = next;
  }
  return current;
}

export function typeList(type: unknown): string[] {
  if (Array.isArray(type)) return type.map(String);
  return String(type).split(',');
}

function dropNoiseNextToTypeErrors(list: SchemaError[]): SchemaError[] {
  const wrongType = new Set(list.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  return list.filter((e) => {
    if (e.keyword === 'type') return true;
    if (VALUE_KEYWORDS.has(e.keyword) && wrongType.has(e.instancePath)) return false;
    // Anything below a value of the wrong type is a consequence of it.
    for (const path of wrongType) if (e.instancePath.startsWith(`${path}/`)) return false;
    return true;
  });
}

/**
 * `nme: web` in a container gives both "unknown field nme" and "name is required":
 * keep the unknown field, which will say `did you mean "name"?`, and drop the required error.
 */
function pairMisspeltRequiredFields(list: SchemaError[]): SchemaError[] {
  const unknownByObject = new Map<string, SchemaError[]>();
  for (const e of list)
    if (e.keyword === 'additionalProperties')
      unknownByObject.set(e.instancePath, [...(unknownByObject.get(e.instancePath) ?? []), e]);
  const dropped = new Set<SchemaError>();
  for (const e of list) {
    if (e.keyword !== 'required') continue;
    const missing = String(e.params.missingProperty);
    const unknown = (unknownByObject.get(e.instancePath) ?? []).find(
      (u) => u.meant === undefined && closestMatch(String(u.params.additionalProperty), [missing]) === missing,
    );
    if (unknown) {
      unknown.meant = missing;
      dropped.add(e);
    }
  }
  return list.filter((e) => !dropped.has(e));
}

function dedupe(list: SchemaError[]): SchemaError[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.instancePath}\u0000${e.keyword}\u0000${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
