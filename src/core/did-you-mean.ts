/**
 * "Did you mean …?" for names a person typed: commands, flags, rule ids (in --rule, directives, annotations).
 * A suggestion only when it is a likely typo: within a third of the word's length (1 to 3 edits).
 */
import { editDistance } from './edit-distance.js';

export function closest(word: string, candidates: readonly string[]): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const d = editDistance(word, candidate, limit);
    // Ties go to the alphabetically first candidate, so the message never depends on list order.
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean "x"?)`, or '' when nothing is close. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const best = closest(word, candidates);
  return best === undefined ? '' : ` (did you mean ${JSON.stringify(best)}?)`;
}
