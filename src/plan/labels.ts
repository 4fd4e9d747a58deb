/**
 * Label and node selectors, compiled once into predicates.
 * - LabelSelector (metav1.LabelSelectorAsSelector): matchLabels AND matchExpressions (In, NotIn, Exists, DoesNotExist);
 *   an empty selector matches everything, a missing one is handled by the caller (it means "nothing" in pod affinity terms).
 * - NodeSelectorTerm (component-helpers/scheduling/corev1/nodeaffinity): matchExpressions on labels (plus Gt/Lt) and
 *   matchFields on metadata.name; terms are ORed, requirements inside a term ANDed, an empty term matches no node.
 */
import { arr, isObj, obj, str, type Obj } from '../core/values.js';

export type Labels = Readonly<Record<string, string>>;

export interface Requirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values: string[];
}

export interface Selector {
  requirements: Requirement[];
  /** Equality requirements (key In [single value]) usable for index look-ups. */
  equalities: Array<[string, string]>;
  matches(labels: Labels): boolean;
  /** Stable text, e.g. `app=web,tier in (a,b)`. */
  text: string;
}

export type SelectorResult = { ok: true; selector: Selector } | { ok: false; error: string };

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

function matchRequirement(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  switch (r.operator) {
    case 'In':
      return has && r.values.includes(labels[r.key]);
    case 'NotIn':
      return !has || !r.values.includes(labels[r.key]);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const label = parseGoInt(labels[r.key]);
      const bound = parseGoInt(r.values[0] ?? '');
      if (label === null || bound === null) return false;
      return r.operator === 'Gt' ? label > bound : label < bound;
    }
  }
}

function parseGoInt(s: string): bigint | null {
  return /^[+-]?[0-9]+$/.test(s) ? BigInt(s) : null;
}

export function makeSelector(requirements: Requirement[]): Selector {
  // Sorted by key like labels.Selector's String(), so the text and matching order are stable.
  const sorted = [...requirements].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const equalities: Array<[string, string]> = [];
  for (const r of sorted) if (r.operator === 'In' && r.values.length === 1) equalities.push([r.key, r.values[0]]);
  const text = sorted
    .map((r) => {
      switch (r.operator) {
        case 'In':
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        default:
          return `${r.key} ${r.operator === 'Gt' ? '>' : '<'} ${r.values[0]}`;
      }
    })
    .join(',');
  return {
    requirements: sorted,
    equalities,
    text,
    matches: (labels) => {
      for (const r of sorted) if (!matchRequirement(r, labels)) return false;
      return true;
    },
  };
}

/** labels.Nothing(): selects no object (a nil LabelSelector in affinity terms and spread constraints). */
export const NOTHING: Selector = { requirements: [], equalities: [], text: '<none>', matches: () => false };

/** A selector from a plain map (Service.spec.selector, nodeSelector): every key must equal its value. */
export function selectorFromMap(map: Labels): Selector {
  return makeSelector(Object.keys(map).map((key) => ({ key, operator: 'In' as const, values: [map[key]] })));
}

/** metav1.LabelSelector → Selector. `value` must be a mapping; anything malformed is an error. */
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
      const r = requirementOf(e, OPERATORS);
      if (typeof r === 'string') return { ok: false, error: `matchExpressions[${i}]: ${r}` };
      requirements.push(r);
    }
  }
  return { ok: true, selector: makeSelector(requirements) };
}

function requirementOf(e: unknown, allowed: Set<string>): Requirement | string {
  if (!isObj(e)) return 'not a mapping';
  const key = str(e.key);
  const operator = str(e.operator);
  if (!key) return 'key is missing';
  if (!operator || !allowed.has(operator)) return `operator ${JSON.stringify(e.operator ?? null)} is not one of ${[...allowed].join(', ')}`;
  const rawValues = e.values === undefined || e.values === null ? [] : e.values;
  if (!Array.isArray(rawValues) || rawValues.some((v) => typeof v !== 'string')) return 'values must be a list of strings';
  const values = rawValues as string[];
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) return `values must be non-empty for ${operator}`;
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) return `values must be empty for ${operator}`;
  if ((operator === 'Gt' || operator === 'Lt') && (values.length !== 1 || parseGoInt(values[0]) === null)) return `${operator} needs exactly one integer value`;
  return { key, operator: operator as Requirement['operator'], values };
}

/** One compiled nodeSelectorTerm: label requirements plus metadata.name field requirements. */
export interface NodeTerm {
  labels: Requirement[];
  fields: Requirement[];
}

export interface NodeSelector {
  terms: NodeTerm[];
  matches(node: { name: string; labels: Labels }): boolean;
}

const NODE_OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);
const FIELD_OPERATORS = new Set(['In', 'NotIn']);

export function matchNodeTerm(term: NodeTerm, node: { name: string; labels: Labels }): boolean {
  // nodeaffinity.nodeSelectorTerm: an empty term (no expressions, no fields) selects no node.
  if (term.labels.length === 0 && term.fields.length === 0) return false;
  for (const r of term.labels) if (!matchRequirement(r, node.labels)) return false;
  const fieldSet = { 'metadata.name': node.name };
  for (const r of term.fields) if (!matchRequirement(r, fieldSet)) return false;
  return true;
}

/** Compiles one NodeSelectorTerm; returns an error string when malformed. */
export function compileNodeTerm(value: unknown): NodeTerm | string {
  if (!isObj(value)) return 'term is not a mapping';
  const labels: Requirement[] = [];
  const fields: Requirement[] = [];
  for (const [i, e] of arr(value.matchExpressions).entries()) {
    const r = requirementOf(e, NODE_OPERATORS);
    if (typeof r === 'string') return `matchExpressions[${i}]: ${r}`;
    labels.push(r);
  }
  for (const [i, e] of arr(value.matchFields).entries()) {
    const r = requirementOf(e, FIELD_OPERATORS);
    if (typeof r === 'string') return `matchFields[${i}]: ${r}`;
    if (r.key !== 'metadata.name') return `matchFields[${i}]: only metadata.name is supported`;
    if (r.values.length !== 1) return `matchFields[${i}]: must have exactly one value`;
    fields.push(r);
  }
  return { labels, fields };
}

/** v1.NodeSelector (requiredDuringSchedulingIgnoredDuringExecution) → terms ORed. */
export function compileNodeSelector(value: unknown): { ok: true; selector: NodeSelector } | { ok: false; error: string } {
  const terms: NodeTerm[] = [];
  const rawTerms = obj(value).nodeSelectorTerms;
  if (!Array.isArray(rawTerms) || rawTerms.length === 0) return { ok: false, error: 'nodeSelectorTerms must be a non-empty list' };
  for (const [i, t] of rawTerms.entries()) {
    const term = compileNodeTerm(t);
    if (typeof term === 'string') return { ok: false, error: `nodeSelectorTerms[${i}]: ${term}` };
    terms.push(term);
  }
  return {
    ok: true,
    selector: {
      terms,
      matches: (node) => terms.some((t) => matchNodeTerm(t, node)),
    },
  };
}

/** Namespace label set as the API server maintains it (`kubernetes.io/metadata.name` is always present). */
export function namespaceLabels(name: string, declared?: Obj): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj(declared))) if (typeof v === 'string') out[k] = v;
  out['kubernetes.io/metadata.name'] = name;
  return out;
}
