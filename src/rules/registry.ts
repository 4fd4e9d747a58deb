/**
 * Every built-in rule, sorted by id. rules/index.ts is the list to edit (one line per rule);
 * this module only turns its named exports into an array.
 */
import * as registered from '../../rules/index.js';
import type { Rule } from './types.js';

export const allRules: readonly Rule[] = Object.freeze(
  (Object.values(registered) as Rule[]).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)),
);

export const ruleIds: readonly string[] = Object.freeze(allRules.map((r) => r.id));
