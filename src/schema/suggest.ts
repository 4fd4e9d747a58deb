/** "Did you mean …?" — the closest candidate by edit distance, for misspelt field names and enum values. */

export { editDistance } from '../core/edit-distance.js';
import { editDistance } from '../core/edit-distance.js';

const MAX_DISTANCE = 2;

/**
 * The candidate `input` most likely meant: an exact case-insensitive match first, else the
 * nearest within 2 edits (1 for very short words, where 2 edits can turn anything into anything).
 * Ties go to the earlier candidate, so results are deterministic.
 */
export function closestMatch(input: string, candidates: Iterable<string>): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    if (candidate === input) continue;
    if (candidate.toLowerCase() === lower) return candidate;
    const limit = Math.min(MAX_DISTANCE, Math.max(1, Math.floor(Math.min(input.length, candidate.length) / 3)));
    if (Math.abs(candidate.length - input.length) > limit) continue;
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/**
 * Every candidate `closestMatch` could have chosen: the case-insensitive exact matches if there are any, else all
 * within its distance limit. A fix may rename a field only when this has exactly one element.
 */
export function similarNames(input: string, candidates: Iterable<string>): string[] {
  const lower = input.toLowerCase();
  const unique = [...new Set(candidates)].filter((c) => c !== input);
  const exact = unique.filter((c) => c.toLowerCase() === lower);
  if (exact.length > 0) return exact;
  return unique.filter((candidate) => {
    const limit = Math.min(MAX_DISTANCE, Math.max(1, Math.floor(Math.min(input.length, candidate.length) / 3)));
    if (Math.abs(candidate.length - input.length) > limit) return false;
    return editDistance(lower, candidate.toLowerCase(), limit) <= limit;
  });
}
