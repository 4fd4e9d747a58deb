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
