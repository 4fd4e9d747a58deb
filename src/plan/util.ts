/** Byte-wise (code unit) string comparison: the order Go's sort.Strings gives for ASCII names. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
