/**
 * Edit distance for "did you mean" suggestions: optimal string alignment (Levenshtein plus adjacent
 * transpositions, so `replcias` → `replicas` is one edit). Inputs come from hostile files, so strings are
 * capped, and with a `limit` it stops as soon as the distance must exceed it (returning `limit + 1`).
 */
const MAX_COMPARED = 256;

export function editDistance(a: string, b: string, limit = Infinity): number {
  if (a === b) return 0;
  a = a.slice(0, MAX_COMPARED);
  b = b.slice(0, MAX_COMPARED);
  // The length difference alone takes that many edits.
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  // Three rolling rows: the one before the previous is needed for transpositions.
  let before = new Int32Array(b.length + 1);
  let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let smallest = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current[j] = best;
      if (best < smallest) smallest = best;
    }
    // No later row can go below this row's minimum (a transposition reaches back one row, but costs 1 more).
    if (smallest > limit + 1) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return Math.min(previous[b.length]!, limit + 1);
}
