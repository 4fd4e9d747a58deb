/** Kubernetes resource quantities (`500m`, `512Mi`, `1.5`): the grammar and a fix-up for common slips. */

/**
 * k8s.io/apimachinery/pkg/api/resource: a signed decimal, then a binary-SI suffix (Ki…Ei),
 * a decimal-SI suffix (n u m k M G T P E) or an exponent (e3). The generator writes the same
 * pattern into the schemas (scripts/schemas/overlays.mjs); a test keeps the two equal.
 */
export const QUANTITY_PATTERN = '^[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[KMGTPE]i|[numkMGTPE]|[eE][+-]?[0-9]+)?$';

const QUANTITY = new RegExp(QUANTITY_PATTERN);

export const isQuantity = (text: string): boolean => QUANTITY.test(text);

/**
 * The quantity the author most likely meant, when the slip is an obvious one:
 * suffix case (`500mi` → `500Mi`, `1K` → `1k`), byte units (`1GB` → `1Gi`), stray spaces.
 */
export function suggestQuantity(text: string): string | undefined {
  const match = /^\s*([+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+))\s*([A-Za-z]*)\s*$/.exec(text);
  if (!match) return undefined;
  const [, number, suffix] = match as unknown as [string, string, string];
  const candidates: string[] = [];
  if (/^[kmgtpe]i$/i.test(suffix)) candidates.push(`${number}${suffix[0]!.toUpperCase()}i`);
  else if (/^[kmgtpe]i?b$/i.test(suffix)) candidates.push(`${number}${suffix[0]!.toUpperCase()}i`);
  else if (suffix === 'K') candidates.push(`${number}k`);
  else if (/^(cpu|cores?)$/i.test(suffix)) candidates.push(number);
  else candidates.push(`${number}${suffix}`); // only whitespace was wrong
  return candidates.find((c) => c !== text && isQuantity(c));
}
