/**
 * Applies fixes to a text as ESLint does: fixes in finding order, each all-or-nothing, skipping any fix whose edits
 * conflict with one already taken (the next pass, after a re-lint, gets it). Edits are applied from the end of the
 * text backwards so earlier offsets stay valid.
 */
import type { Fix, TextEdit } from '../core/types.js';
import { conflicts } from './attach.js';

export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: Fix[] } {
  const taken: TextEdit[] = [];
  const applied: Fix[] = [];
  for (const fix of fixes) {
    if (fix.edits.some((e) => e.start < 0 || e.end > text.length || e.start > e.end)) continue;
    if (fix.edits.some((e) => taken.some((t) => conflicts(t, e)))) continue;
    for (const e of fix.edits) taken.push(e);
    applied.push(fix);
  }
  taken.sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of taken) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return { text: out, applied };
}
