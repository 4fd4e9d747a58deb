/** "Did you mean …?" — the closest candidate by edit distance, for misspelt field names and enum values. */

/**
 * Optimal-string-alignment distance (Damerau–Levenshtein with adjacent transpositions),
 * so `replcias` → `replicas` counts as one edit.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  // Three rolling rows: the one before the previous is needed for transpositions.
  let before = new Int32Array(b.length + 1);
  let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length]!;
}

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
