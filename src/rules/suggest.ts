/** "Did you mean …?" for misspelt keys, rule ids and label values (Levenshtein distance). */

/** The candidate closest to `word`, if it is close enough to be a plausible typo. */
export function closestMatch(word: string, candidates: Iterable<string>): string | undefined {
  const limit = Math.max(2, Math.floor(word.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    // Cheap bound first: the length difference alone can rule a candidate out.
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = distance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** ` (did you mean "x"?)`, or "". */
export function didYouMean(word: string, candidates: Iterable<string>): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean "${match}"?)`;
}

/**
 * Levenshtein edit distance, two rows at a time; inputs are capped so hostile strings stay cheap.
 * With a `limit`, it stops as soon as the distance is sure to exceed it and returns `limit + 1`.
 */
export function distance(a: string, b: string, limit = Infinity): number {
  a = a.slice(0, 256);
  b = b.slice(0, 256);
  // The length difference alone takes that many edits; no row of the table has a smaller minimum than the one before.
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      smallest = Math.min(smallest, current[j]!);
    }
    if (smallest > limit) return limit + 1;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit + 1);
}
