/**
 * schema/yaml11-scalar: a plain `yes`, `off`, `0755` or `1.10` where the API wants a string. Kubernetes reads it as a
 * boolean or number (YAML 1.1); quoting the text as written is what the author meant, and the only change.
 */
import { isScalar, visit, type Document } from 'yaml';
import { anchored, span } from '../source.js';
import type { Fixer } from './types.js';

export const quoteScalar: Fixer = ({ source, offset, at }) => {
  if (at.onKey || anchored(at.steps)) return undefined;
  const node = at.steps[at.steps.length - 1]!.node;
  if (!isScalar(node) || node.type !== 'PLAIN' || node.tag) return undefined;
  if (typeof node.value !== 'boolean' && typeof node.value !== 'number') return undefined;
  const range = span(node, at.base);
  if (!range || range[0] !== offset) return undefined;
  const text = source.text.slice(range[0], range[1]);
  if (text === '' || /[\r\n#]/.test(text)) return undefined;
  const quoted = preferredQuote(at.doc) === "'" ? `'${text.replaceAll("'", "''")}'` : JSON.stringify(text);
  return { title: `quote ${text} as ${quoted}`, edits: [source.edit(range[0], range[1], quoted)] };
};

/** The quote the document already uses most (double quotes when it uses neither). */
function preferredQuote(doc: Document): '"' | "'" {
  let single = 0;
  let double = 0;
  visit(doc, {
    Scalar(_, scalar) {
      if (scalar.type === 'QUOTE_SINGLE') single++;
      else if (scalar.type === 'QUOTE_DOUBLE') double++;
    },
  });
  return single > double ? "'" : '"';
}
