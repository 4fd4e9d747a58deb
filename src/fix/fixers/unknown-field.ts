/**
 * schema/unknown-field: a misspelt field name (`replica`) with exactly one field of that mapping's schema within the
 * did-you-mean distance (`replicas`), not already present. Only built-in kinds: their schemas are always at hand.
 */
import { builtinKind, builtinWalker } from '../../schema/builtin.js';
import { similarNames } from '../../schema/suggest.js';
import { anchored, hasMergeKey, keyName, pairOf, span } from '../source.js';
import { scalarText } from '../yaml-edits.js';
import { isMap, type YAMLMap } from 'yaml';
import type { Fixer } from './types.js';

const SUGGESTION = /did you mean "([^"]+)"\?/;

export const renameField: Fixer = ({ finding, source, offset, at, manifest }) => {
  const meant = SUGGESTION.exec(finding.message)?.[1];
  if (!meant || !at.onKey || !at.key || !manifest || anchored(at.steps)) return undefined;
  const { apiVersion, kind } = manifest.ref;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') return undefined;
  const builtin = builtinKind(apiVersion, kind);
  if (!builtin) return undefined;
  const last = at.steps[at.steps.length - 1]!;
  const map = last.parent;
  if (!isMap(map) || hasMergeKey(map as YAMLMap)) return undefined;
  const keyRange = span(at.key, at.base);
  if (!keyRange || keyRange[0] !== offset) return undefined;
  // The mapping's path inside the object: the walk's segments without the List prefix (items[i]) of the manifest.
  const segments = at.steps.slice(1, -1).map((s) => s.segment!);
  const prefix = manifest.basePath;
  if (prefix.some((p, i) => segments[i] !== p)) return undefined;
  const parentPath = segments.slice(prefix.length);
  const field = keyName(at.key);
  const allowed = builtinWalker(builtin.definition)?.propertyNames(parentPath, manifest.object) ?? [];
  const candidates = similarNames(field, allowed);
  if (candidates.length !== 1 || candidates[0] !== meant) return undefined;
  if (pairOf(map as YAMLMap, meant)) return undefined; // renaming would duplicate a key
  if (at.key.type !== 'PLAIN' && at.key.type !== 'QUOTE_DOUBLE' && at.key.type !== 'QUOTE_SINGLE') return undefined;
  return {
    title: `rename "${field}" to "${meant}"`,
    edits: [source.edit(keyRange[0], keyRange[1], scalarText(at.key, meant))],
  };
};
