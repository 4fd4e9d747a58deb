/**
 * Node selectors (component-helpers/scheduling/corev1/nodeaffinity): matchExpressions on node
 * labels (label operators plus Gt/Lt) and matchFields on metadata.name; terms are ORed,
 * requirements inside a term ANDed, an empty term matches no node.
 */
import { compileRequirement, requirementMatches, type Labels, type Operator } from '../k8s/label-selector.js';
import { arr, isObj, obj } from '../core/values.js';

export interface NodeRequirement {
  key: string;
  operator: Operator | 'Gt' | 'Lt';
  values: string[];
}

/** One compiled nodeSelectorTerm: label requirements plus metadata.name field requirements. */
export interface NodeTerm {
  labels: NodeRequirement[];
  fields: NodeRequirement[];
}

export interface NodeSelector {
  terms: NodeTerm[];
  matches(node: { name: string; labels: Labels }): boolean;
}

const NODE_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'];
const FIELD_OPERATORS = ['In', 'NotIn'];

function nodeRequirementMatches(r: NodeRequirement, labels: Labels): boolean {
  if (r.operator !== 'Gt' && r.operator !== 'Lt')
    return requirementMatches({ key: r.key, operator: r.operator, values: r.values }, labels);
  const value = labels[r.key];
  if (value === undefined || !Object.prototype.hasOwnProperty.call(labels, r.key)) return false;
  const label = parseGoInt(value);
  const bound = parseGoInt(r.values[0] ?? '');
  if (label === null || bound === null) return false;
  return r.operator === 'Gt' ? label > bound : label < bound;
}

function parseGoInt(s: string): bigint | null {
  return /^[+-]?[0-9]+$/.test(s) ? BigInt(s) : null;
}

function nodeRequirementOf(e: unknown, allowed: readonly string[]): NodeRequirement | string {
  const r = compileRequirement(e, allowed);
  if (typeof r === 'string') return r;
  if ((r.operator === 'Gt' || r.operator === 'Lt') && (r.values.length !== 1 || parseGoInt(r.values[0]!) === null))
    return `${r.operator} needs exactly one integer value`;
  return r as NodeRequirement;
}

export function matchNodeTerm(term: NodeTerm, node: { name: string; labels: Labels }): boolean {
  // nodeaffinity.nodeSelectorTerm: an empty term (no expressions, no fields) selects no node.
  if (term.labels.length === 0 && term.fields.length === 0) return false;
  for (const r of term.labels) if (!nodeRequirementMatches(r, node.labels)) return false;
  const fieldSet = { 'metadata.name': node.name };
  for (const r of term.fields) if (!nodeRequirementMatches(r, fieldSet)) return false;
  return true;
}

/** Compiles one NodeSelectorTerm; returns an error string when malformed. */
export function compileNodeTerm(value: unknown): NodeTerm | string {
  if (!isObj(value)) return 'term is not a mapping';
  const labels: NodeRequirement[] = [];
  const fields: NodeRequirement[] = [];
  for (const [i, e] of arr(value.matchExpressions).entries()) {
    const r = nodeRequirementOf(e, NODE_OPERATORS);
    if (typeof r === 'string') return `matchExpressions[${i}]: ${r}`;
    labels.push(r);
  }
  for (const [i, e] of arr(value.matchFields).entries()) {
    const r = nodeRequirementOf(e, FIELD_OPERATORS);
    if (typeof r === 'string') return `matchFields[${i}]: ${r}`;
    if (r.key !== 'metadata.name') return `matchFields[${i}]: only metadata.name is supported`;
    if (r.values.length !== 1) return `matchFields[${i}]: must have exactly one value`;
    fields.push(r);
  }
  return { labels, fields };
}

/** v1.NodeSelector (requiredDuringSchedulingIgnoredDuringExecution) → terms ORed. */
export function compileNodeSelector(
  value: unknown,
): { ok: true; selector: NodeSelector } | { ok: false; error: string } {
  const terms: NodeTerm[] = [];
  const rawTerms = obj(value).nodeSelectorTerms;
  if (!Array.isArray(rawTerms) || rawTerms.length === 0)
    return { ok: false, error: 'nodeSelectorTerms must be a non-empty list' };
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
