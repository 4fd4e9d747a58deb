/** Code-unit string order: the same on every machine and locale (and Go's sort.Strings order for ASCII names). */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
