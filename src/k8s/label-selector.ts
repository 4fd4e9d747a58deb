/**
 * Label selectors with Kubernetes semantics (k8s.io/apimachinery, metav1.LabelSelectorAsSelector
 * and labels.Requirement.Matches), shared by the rules, the planner and the rollouts:
 *
 * - a nil LabelSelector selects nothing; an empty one (`{}`) selects everything;
 * - matchLabels and matchExpressions are ANDed;
 * - `In`/`NotIn` need at least one value, `Exists`/`DoesNotExist` none; any other operator is invalid;
 * - `NotIn` and `DoesNotExist` match objects that do not carry the key at all.
 *
 * A Service's `spec.selector` (and a ReplicationController's) is a plain map instead: when it is
 * empty or absent the Service selects nothing ("an external process manages its endpoints").
 *
 * Every parser returns one representation, {@link Selector}: its `type` says what it selects, its
 * requirements keep the JSON path they are written at (for findings), and every selector also
 * carries `equalities` (for index look-ups), a stable `text` and `matches(labels)`.
 *
 * Two readings of a written selector:
 * - {@link parseLabelSelector} / {@link parseMapSelector} (rules): nil is "nothing", YAML 1.1
 *   scalars are read as the text they were meant to be (schema validation reports the type), and
 *   a malformed selector is an `invalid` selector with a reason and the path it is about;
 * - {@link compileLabelSelector} (planner): what the API server accepts, strings only; a malformed
 *   selector is an error message (the caller decides what nil means).
 */
import type { JsonPath } from '../core/types.js';
import { isObj, obj, str, type Obj } from '../core/values.js';
import { dict } from '../core/dict.js';

export type Labels = Readonly<Record<string, string>>;

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export interface Requirement {
  key: string;
  operator: Operator;
  values: readonly string[];
  /** Where the requirement is written, relative to the selector (for pointing at it); absent when built in code. */
  path?: JsonPath;
}

/** What every selector offers, whatever it selects (not enumerable: a selector compares as its `type` and fields). */
interface SelectorBehaviour {
  /** The requirements, ANDed (empty unless `type` is `requirements`). */
  readonly requirements: readonly Requirement[];
  /** Equality requirements (key In [single value]), sorted by key, usable for index look-ups. */
  readonly equalities: ReadonlyArray<readonly [string, string]>;
  /** Stable text like labels.Selector's String(), sorted by key, e.g. `app=web,tier in (a,b)`. */
  readonly text: string;
  matches(labels: Labels): boolean;
}

export type Selector = SelectorBehaviour &
  /** Selects no object: a nil LabelSelector, or an empty/absent map selector. */
  (
    | { type: 'nothing' }
    /** Selects every object: an empty LabelSelector `{}`. */
    | { type: 'everything' }
    | { type: 'requirements'; requirements: readonly Requirement[] }
    /** Not a selector the API server accepts; matches nothing, and `reason` says why. */
    | { type: 'invalid'; reason: string; path: JsonPath }
  );

export type SelectorResult = { ok: true; selector: Selector } | { ok: false; error: string };

const OPERATORS: readonly Operator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

function withBehaviour(
  shape: Obj,
  requirements: readonly Requirement[],
  text: string,
  match: (labels: Labels) => boolean,
): Selector {
  const hidden: PropertyDescriptorMap = {
    equalities: { value: equalitiesOf(requirements) },
    text: { value: text },
    matches: { value: match },
  };
  if (!('requirements' in shape)) hidden.requirements = { value: requirements };
  return Object.defineProperties(shape, hidden) as unknown as Selector;
}

/** labels.Nothing(): selects no object (a nil LabelSelector in affinity terms and spread constraints). */
export const NOTHING: Selector = withBehaviour({ type: 'nothing' }, [], '<none>', () => false);

function invalid(reason: string, path: JsonPath): Selector {
  return withBehaviour({ type: 'invalid', reason, path }, [], '<invalid>', () => false);
}

/** The selector ANDing `requirements`; none at all selects everything. */
export function makeSelector(requirements: readonly Requirement[]): Selector {
  if (requirements.length === 0) return withBehaviour({ type: 'everything' }, [], '', () => true);
  // Sorted by key like labels.Selector's String(), so the text and matching order are stable.
  const sorted = sortedByKey(requirements);
  return withBehaviour(
    { type: 'requirements', requirements },
    requirements,
    sorted.map(requirementText).join(','),
    (labels) => {
      for (const r of sorted) if (!requirementMatches(r, labels)) return false;
      return true;
    },
  );
}

function sortedByKey(requirements: readonly Requirement[]): Requirement[] {
  return [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

function equalitiesOf(requirements: readonly Requirement[]): Array<[string, string]> {
  const equalities: Array<[string, string]> = [];
  for (const r of sortedByKey(requirements))
    if (r.operator === 'In' && r.values.length === 1) equalities.push([r.key, r.values[0]!]);
  return equalities;
}

function requirementText(r: Requirement): string {
  switch (r.operator) {
    case 'In':
      return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${[...r.values].sort().join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${[...r.values].sort().join(',')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

/** A selector from a plain map (nodeSelector, a Service's selector once known not to be empty): every key must equal its value. */
export function selectorFromMap(map: Labels): Selector {
  return makeSelector(Object.keys(map).map((key) => ({ key, operator: 'In' as const, values: [map[key]!] })));
}

/** Reads a metav1.LabelSelector (`matchLabels` + `matchExpressions`) as the rules do; `undefined`/`null` is nil. */
export function parseLabelSelector(raw: unknown): Selector {
  if (raw === undefined || raw === null) return NOTHING;
  if (!isObj(raw)) return invalid('a selector must be a mapping', []);
  const requirements: Requirement[] = [];

  const matchLabels = raw.matchLabels;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isObj(matchLabels)) return invalid('matchLabels must be a mapping', ['matchLabels']);
    for (const [key, value] of Object.entries(matchLabels)) {
      const text = scalarText(value);
      if (text === undefined) return invalid(`matchLabels value of "${key}" must be a string`, ['matchLabels', key]);
      requirements.push({ key, operator: 'In', values: [text], path: ['matchLabels', key] });
    }
  }

  const expressions = raw.matchExpressions;
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions)) return invalid('matchExpressions must be a list', ['matchExpressions']);
    for (const [index, expression] of expressions.entries()) {
      const path = ['matchExpressions', index];
      const parsed = parseExpression(expression, path);
      if ('reason' in parsed) return invalid(parsed.reason, path);
      requirements.push(parsed);
    }
  }

  return makeSelector(requirements);
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
  if ((op === 'In' || op === 'NotIn') && values.length === 0)
    return { reason: `operator ${op} on "${key}" needs at least one value` };
  if ((op === 'Exists' || op === 'DoesNotExist') && values.length > 0)
    return { reason: `operator ${op} on "${key}" takes no values` };
  return { key, operator: op, values, path };
}

/** Reads a map selector (Service, ReplicationController) as the rules do: empty or absent selects nothing. */
export function parseMapSelector(raw: unknown): Selector {
  if (raw === undefined || raw === null) return NOTHING;
  if (!isObj(raw)) return invalid('a selector must be a mapping', []);
  const requirements: Requirement[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const text = scalarText(value);
    if (text === undefined) return invalid(`selector value of "${key}" must be a string`, [key]);
    requirements.push({ key, operator: 'In', values: [text], path: [key] });
  }
  return requirements.length === 0 ? NOTHING : makeSelector(requirements);
}

function scalarText(value: unknown): string | undefined {
  // YAML 1.1 reads `version: 1.0` as a number; treat it as the text it was meant to be (see scalarStringMap).
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return '';
  return undefined;
}

/** metav1.LabelSelector → Selector as the API server accepts it. `value` must be a mapping; anything malformed is an error. */
export function compileLabelSelector(value: unknown): SelectorResult {
  if (!isObj(value)) return { ok: false, error: 'selector is not a mapping' };
  const requirements: Requirement[] = [];
  const matchLabels = value.matchLabels;
  if (matchLabels !== undefined && matchLabels !== null) {
    if (!isObj(matchLabels)) return { ok: false, error: 'matchLabels is not a mapping' };
    for (const key of Object.keys(matchLabels)) {
      const v = matchLabels[key];
      if (typeof v !== 'string') return { ok: false, error: `matchLabels.${key} is not a string` };
      requirements.push({ key, operator: 'In', values: [v] });
    }
  }
  const expressions = value.matchExpressions;
  if (expressions !== undefined && expressions !== null) {
    if (!Array.isArray(expressions)) return { ok: false, error: 'matchExpressions is not a list' };
    for (const [i, e] of expressions.entries()) {
      const r = compileRequirement(e, OPERATORS);
      if (typeof r === 'string') return { ok: false, error: `matchExpressions[${i}]: ${r}` };
      requirements.push(r as Requirement);
    }
  }
  return { ok: true, selector: makeSelector(requirements) };
}

/**
 * One written requirement (`key`, `operator`, `values`) as the API server accepts it, with
 * `operators` allowed; the error text otherwise. Node selectors use it with their own operators.
 */
export function compileRequirement(
  e: unknown,
  operators: Iterable<string>,
): { key: string; operator: string; values: string[] } | string {
  if (!isObj(e)) return 'not a mapping';
  const key = str(e.key);
  const operator = str(e.operator);
  const allowed = [...operators];
  if (!key) return 'key is missing';
  if (!operator || !allowed.includes(operator))
    return `operator ${JSON.stringify(e.operator ?? null)} is not one of ${allowed.join(', ')}`;
  const rawValues = e.values === undefined || e.values === null ? [] : e.values;
  if (!Array.isArray(rawValues) || rawValues.some((v) => typeof v !== 'string'))
    return 'values must be a list of strings';
  const values = rawValues as string[];
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0)
    return `values must be non-empty for ${operator}`;
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0)
    return `values must be empty for ${operator}`;
  return { key, operator, values };
}

export function requirementMatches(requirement: Requirement, labels: Labels): boolean {
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

export function matches(selector: Selector, labels: Labels): boolean {
  return selector.matches(labels);
}

/** Requirements of `selector` that `labels` fail (none for nothing/invalid selectors). */
export function unmetRequirements(selector: Selector, labels: Labels): readonly Requirement[] {
  return selector.type === 'requirements' ? selector.requirements.filter((r) => !requirementMatches(r, labels)) : [];
}

/** `{app: web, tier in (a, b), !legacy}`: a short, kubectl-like rendering in written order, for messages. */
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
      return r.values.length === 1 && r.path?.[0] !== 'matchExpressions'
        ? `${r.key}: ${r.values[0]}`
        : `${r.key} in (${r.values.join(', ')})`;
    case 'NotIn':
      return `${r.key} notin (${r.values.join(', ')})`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
  }
}

/** `{app: web, tier: frontend}`, at most `limit` entries. */
export function describeLabels(labels: Labels, limit = 8): string {
  const entries = Object.entries(labels);
  const shown = entries.slice(0, limit).map(([k, v]) => `${k}: ${v}`);
  if (entries.length > limit) shown.push(`… ${entries.length - limit} more`);
  return `{${shown.join(', ')}}`;
}

/** Namespace label set as the API server maintains it (`kubernetes.io/metadata.name` is always present). */
export function namespaceLabels(name: string, declared?: Obj): Record<string, string> {
  const out = dict<string>();
  for (const [k, v] of Object.entries(obj(declared))) if (typeof v === 'string') out[k] = v;
  out['kubernetes.io/metadata.name'] = name;
  return out;
}
