/**
 * Kubernetes resource quantities (k8s.io/apimachinery/pkg/api/resource, quantity.go), parsed exactly:
 * a signed decimal number with an optional binary suffix (Ki Mi Gi Ti Pi Ei), decimal SI suffix
 * (n u m "" k M G T P E) or decimal exponent (e3, E-2). Values are kept as a BigInt count of nano-units,
 * rounded up (away from zero) to the nearest nano as `ParseQuantity` does ("if you want some resources,
 * you should get some resources"), and capped at 2^63-1 units like the API server.
 */

const NANO = 1_000_000_000n;
const MAX_UNITS = (1n << 63n) - 1n;
const MAX_INPUT = 64;

const BINARY: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };

export interface Quantity {
  /** Exact value in nano-units (value × 10^9), rounded up to a whole nano. */
  nano: bigint;
}

/** Why a quantity string is rejected, in the API server's words. */
export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

/**
 * Parses a quantity as found in YAML: a string ("500m", "1.5Gi", "1e3") or a number (YAML `cpu: 2`).
 * Returns null when Kubernetes would reject it.
 */
export function parseQuantity(input: unknown): Quantity | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    // A YAML number reaches Quantity.UnmarshalJSON as its shortest decimal text (Go's json encoding), e.g. 0.1 or 1e+21.
    text = String(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return null;
  }
  if (text.length === 0 || text.length > MAX_INPUT) return null;
  const match = /^([+-]?)([0-9]*)(?:\.([0-9]*))?([eEinumkKMGTP]*[-+]?[0-9]*)$/.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = '', suffix = ''] = match;
  if (whole.length === 0 && fraction.length === 0) return null; // kubeplan is stricter than Go here: no digits, no number

  let base: 2 | 10;
  let exponent: number;
  const binary = BINARY[suffix];
  const decimal = DECIMAL[suffix];
  if (binary !== undefined) {
    base = 2;
    exponent = binary;
  } else if (decimal !== undefined) {
    base = 10;
    exponent = decimal;
  } else if (/^[eE][+-]?[0-9]+$/.test(suffix)) {
    base = 10;
    exponent = Number(suffix.slice(1));
    if (!Number.isSafeInteger(exponent) || Math.abs(exponent) > 1000) return null;
  } else {
    return null;
  }

  // value = (whole.fraction) × base^exponent, as a fraction numerator / 10^fraction.length
  let numerator = BigInt((whole || '0') + fraction);
  let denominator = 10n ** BigInt(fraction.length);
  if (base === 2) numerator <<= BigInt(exponent);
  else if (exponent >= 0) numerator *= 10n ** BigInt(exponent);
  else denominator *= 10n ** BigInt(-exponent);

  // nano = ceil(numerator × 10^9 / denominator)
  const scaled = numerator * NANO;
  let nano = scaled / denominator;
  if (nano * denominator !== scaled) nano += 1n;
  if (nano > MAX_UNITS * NANO) nano = MAX_UNITS * NANO;
  return { nano: sign === '-' ? -nano : nano };
}

/** `Quantity.MilliValue()`: ceil(q × 1000) (away from zero). Used for cpu. */
export function milliValue(q: Quantity): number {
  return Number(roundAway(q.nano, 1_000_000n));
}

/** `Quantity.Value()`: q rounded up to an integer (away from zero). Used for memory, storage, counts. */
export function unitValue(q: Quantity): number {
  return Number(roundAway(q.nano, NANO));
}

/** The scheduler's unit for a resource: millicores for cpu, whole units for everything else. */
export function resourceValue(resource: string, q: Quantity): number {
  return resource === 'cpu' ? milliValue(q) : unitValue(q);
}

/** Parses a quantity straight into the scheduler's unit for `resource`; null when invalid. */
export function parseResource(resource: string, input: unknown): number | null {
  const q = parseQuantity(input);
  return q === null ? null : resourceValue(resource, q);
}

function roundAway(nano: bigint, unit: bigint): bigint {
  const negative = nano < 0n;
  const abs = negative ? -nano : nano;
  let v = abs / unit;
  if (v * unit !== abs) v += 1n;
  return negative ? -v : v;
}

/** Millicores as Kubernetes prints them: whole cores ("4") when exact, else "1500m". */
export function formatCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** Bytes with the largest binary suffix that divides them exactly ("16Gi", "200Mi"), else decimal ("1500M"), else plain. */
export function formatBytes(bytes: number): string {
  if (bytes === 0) return '0';
  const binary: Array<[string, number]> = [
    ['Ei', 2 ** 60],
    ['Pi', 2 ** 50],
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ];
  for (const [suffix, size] of binary)
    if (bytes % size === 0 && Math.abs(bytes) >= size) return `${bytes / size}${suffix}`;
  const decimal: Array<[string, number]> = [
    ['E', 1e18],
    ['P', 1e15],
    ['T', 1e12],
    ['G', 1e9],
    ['M', 1e6],
    ['k', 1e3],
  ];
  for (const [suffix, size] of decimal)
    if (bytes % size === 0 && Math.abs(bytes) >= size) return `${bytes / size}${suffix}`;
  return String(bytes);
}

/** A resource amount in the scheduler's unit, printed the Kubernetes way. */
export function formatResource(resource: string, value: number): string {
  if (resource === 'cpu') return formatCpu(value);
  if (resource === 'pods' || !isByteResource(resource)) return String(value);
  return formatBytes(value);
}

function isByteResource(resource: string): boolean {
  return (
    resource === 'memory' ||
    resource === 'ephemeral-storage' ||
    resource.startsWith('hugepages-') ||
    resource === 'storage'
  );
}

// The grammar as a pattern (for the JSON schemas) and the fix-up suggestions for common slips.

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

/** True when the value is a valid quantity equal to zero (0, "0", "0m", "0Mi", "0.0Gi" …). */
export function isZeroQuantity(value: unknown): boolean {
  return parseQuantity(value)?.nano === 0n;
}

/** `Quantity.Cmp`: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): number {
  return a.nano < b.nano ? -1 : a.nano > b.nano ? 1 : 0;
}
