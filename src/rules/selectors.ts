/**
 * Label selectors with Kubernetes semantics (k8s.io/apimachinery, metav1.LabelSelectorAsSelector
 * and labels.Requirement.Matches):
 *
 * - a nil LabelSelector selects nothing; an empty one (`{}`) selects everything;
 * - matchLabels and matchExpressions are ANDed;
 * - `In`/`NotIn` need at least one value, `Exists`/`DoesNotExist` none; any other operator is invalid;
 * - `NotIn` and `DoesNotExist` match objects that do not carry the key at all.
 *
 * A Service's `spec.selector` (and a ReplicationController's) is a plain map instead: when it is
 * empty or absent the Service selects nothing ("an external process manages its endpoints").
 */
import type { JsonPath } from '../core/types.js';
import { isObj } from '../core/values.js';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  key: string;
  operator: Operator;
  values: readonly string[];
  /** Where the requirement is written, relative to the selector (for pointing at it). */
  path: JsonPath;
}

export type Selector =
  /** Selects no object: a nil LabelSelector, or an empty/absent map selector. */
  | { type: 'nothing' }
  /** Selects every object: an empty LabelSelector `{}`. */
  | { type: 'everything' }
  | { type: 'requirements'; requirements: readonly Requirement[] }
  /** Not a selector the API server accepts; matches nothing, and `reason` says why. */
  | { type: 'invalid'; reason: string; path: JsonPath };

const OPERATORS: readonly Operator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

/** Reads a metav1.LabelSelector (`matchLabels` + `matchExpressions`); `undefined`/`null` is nil. */
export function parseLabelSelector(raw: unknown): Selector {
  if (raw === undefined || raw === null) return { type: 'nothing' };
  if (!isObj(raw)) return { type: 'invalid', reason: 'a selector must be a mapping', path: [] };
  const requirements: Requirement[] = [];

  const matchLabels = raw.matchLabels;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isObj(matchLabels)) return { type: 'invalid', reason: 'matchLabels must be a mapping', path: ['matchLabels'] };
    for (const [key, value] of Object.entries(matchLabels)) {
      const text = scalarText(value);
      if (text === undefined) return { type: 'invalid', reason: `matchLabels value of "${key}" must be a string`, path: ['matchLabels', key] };
      requirements.push({ key, operator: 'In', values: [text], path: ['matchLabels', key] });
    }
  }

  const expressions = raw.matchExpressions;
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions)) return { type: 'invalid', reason: 'matchExpressions must be a list', path: ['matchExpressions'] };
    for (const [index, expression] of expressions.entries()) {
      const path = ['matchExpressions', index];
      const parsed = parseExpression(expression, path);
      if ('reason' in parsed) return { type: 'invalid', reason: parsed.reason, path };
      requirements.push(parsed);
    }
  }

  return requirements.length === 0 ? { type: 'everything' } : { type: 'requirements', requirements };
}

function parseExpression(expression: unknown, path: JsonPath): Requirement | { reason: string } {
  if (!isObj(expression)) return { reason: 'a matchExpressions entry must be a mapping' };
  const { key, operator } = expression;
  if (typeof key !== 'string' || key === '') return { reason: 'a matchExpressions entry needs a key' };
  if (!OPERATORS.includes(operator as Operator)) {
    return { reason: `${JSON.stringify(operator ?? null)} is not a valid operator (In, NotIn, Exists, DoesNotExist)` };
  }
  const op = operator as Operator;
  const rawValues = expression.values ?? [];
  if (!Array.isArray(rawValues)) return { reason: `values of "${key}" must be a list` };
  const values: string[] = [];
  for (const v of rawValues) {
    const text = scalarText(v);
    if (text === undefined) return { reason: `values of "${key}" must be strings` };
    values.push(text);
  }
  if ((op === 'In' || op === 'NotIn') && values.length === 0) return { reason: `operator ${op} on "${key}" needs at least one value` };
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0) return { reason: `operator ${op} on "${key}" takes no values` };
  return { key, operator: op, values, path };
}

/** Reads a map selector (Service, ReplicationController): empty or absent selects nothing. */
export function parseMapSelector(raw: unknown): Selector {
  if (raw === undefined || raw === null) return { type: 'nothing' };
  if (!isObj(raw)) return { type: 'invalid', reason: 'a selector must be a mapping', path: [] };
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const text = scalarText(value);
    if (text === undefined) return { type: 'invalid', reason: `selector value of "${key}" must be a string`, path: [key] };
    requirements.push({ key, operator: 'In', values: [text], path: [key] });
  }
  return requirements.length === 0 ? { type: 'nothing' } : { type: 'requirements', requirements };
}

export function requirementMatches(requirement: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
  const value = has ? labels[requirement.key] : undefined;
  switch (requirement.operator) {
    case 'In':
      return has && requirement.values.includes(value!);
    case 'NotIn':
      return !has || !requirement.values.includes(value!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
  }
}

export function matches(selector: Selector, labels: Readonly<Record<string, string>>): boolean {
  switch (selector.type) {
    case 'everything':
      return true;
    case 'requirements':
      return selector.requirements.every((r) => requirementMatches(r, labels));
    default:
      return false;
  }
}

/** Requirements of `selector` that `labels` fail (all of them for nothing/invalid selectors). */
export function unmetRequirements(selector: Selector, labels: Readonly<Record<string, string>>): readonly Requirement[] {
  return selector.type === 'requirements' ? selector.requirements.filter((r) => !requirementMatches(r, labels)) : [];
}

/** `{app: web, tier in (a, b), !legacy}`: a short, kubectl-like rendering for messages. */
export function describeSelector(selector: Selector): string {
  switch (selector.type) {
    case 'nothing':
      return '(none)';
    case 'everything':
      return '{}';
    case 'invalid':
      return '(invalid)';
    case 'requirements':
      return `{${selector.requirements.map(describeRequirement).join(', ')}}`;
  }
}

export function describeRequirement(r: Requirement): string {
  switch (r.operator) {
    case 'In':
      return r.values.length === 1 && r.path[0] !== 'matchExpressions' ? `${r.key}: ${r.values[0]}` : `${r.key} in (${r.values.join(', ')})`;
    case 'NotIn':
      return `${r.key} notin (${r.values.join(', ')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

/** `{app: web, tier: frontend}`, at most `limit` entries. */
export function describeLabels(labels: Readonly<Record<string, string>>, limit = 8): string {
  const entries = Object.entries(labels);
  const shown = entries.slice(0, limit).map(([k, v]) => `${k}: ${v}`);
  if (entries.length > limit) shown.push(`… ${entries.length - limit} more`);
  return `{${shown.join(', ')}}`;
}

function scalarText(value: unknown): string | undefined {
  // YAML 1.1 reads `version: 1.0` as a number; treat it as the text it was meant to be (see values.ts).
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return '';
  return undefined;
}
