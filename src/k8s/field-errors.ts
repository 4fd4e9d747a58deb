/**
 * The API server's validation messages, worded as k8s.io/apimachinery/pkg/util/validation/field renders them
 * (`field.Invalid`, `field.Required`, …: "<path>: <type>: <value>: <detail>"), so a finding reads exactly like the
 * `kubectl apply` error it predicts. Also the small shared checks of apimachinery/pkg/api/validation and
 * util/validation that many validations reuse (non-negative fields, percentages).
 */
import type { JsonPath } from '../core/types.js';

/** `field.Path.String()`: `spec.template.spec.containers[0].ports[1].hostPort`; a `{ key }` segment renders `[key]`. */
export type FieldSegment = string | number | { key: string };

/** Reports `message` at `path` (by default on the value; a Forbidden field on its key). Shared by the rules that port
 * pod and container validation. */
export type FieldEmit = (path: FieldSegment[], message: string, target?: 'key' | 'value') => void;

export function fieldPath(path: readonly FieldSegment[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'object') out += `[${seg.key}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** The JSON path of a field path (map keys become plain keys), for pointing the finding at the source. */
export function jsonPath(path: readonly FieldSegment[]): JsonPath {
  return path.map((seg) => (typeof seg === 'object' ? seg.key : seg));
}

/**
 * A value as field.Error prints it: strings quoted, numbers and booleans bare; an IntOrString is printed by its
 * String() form (0, or "25%" quoted as the string it is); objects as compact JSON.
 */
export function formatValue(value: unknown): string {
  if (value === undefined || value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value) ?? String(value);
}

export const fieldError = {
  invalid: (path: readonly FieldSegment[], value: unknown, detail: string): string =>
    `${fieldPath(path)}: Invalid value: ${formatValue(value)}: ${detail}`,
  required: (path: readonly FieldSegment[], detail = ''): string =>
    `${fieldPath(path)}: Required value${detail ? `: ${detail}` : ''}`,
  forbidden: (path: readonly FieldSegment[], detail: string): string => `${fieldPath(path)}: Forbidden: ${detail}`,
  notSupported: (path: readonly FieldSegment[], value: unknown, supported: readonly string[]): string =>
    `${fieldPath(path)}: Unsupported value: ${formatValue(value)}: supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}`,
  duplicate: (path: readonly FieldSegment[], value: unknown): string =>
    `${fieldPath(path)}: Duplicate value: ${formatValue(value)}`,
  tooMany: (path: readonly FieldSegment[], actual: number, max: number): string =>
    `${fieldPath(path)}: Too many: ${actual}: must have at most ${max} items`,
  notFound: (path: readonly FieldSegment[], value: unknown): string =>
    `${fieldPath(path)}: Not found: ${formatValue(value)}`,
};

/** apimachinery `IsNegativeErrorMsg` (ValidateNonnegativeField). */
export const NEGATIVE_MSG = 'must be greater than or equal to 0';

/**
 * `validation.IsValidPercent`'s message: a percentage is digits followed by '%' (no sign, no decimals).
 * RegexError's wording, double space included.
 */
export const PERCENT_MSG =
  "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')";

const PERCENT = /^[0-9]+%$/;

export function isValidPercent(value: string): boolean {
  return PERCENT.test(value);
}

/**
 * apps validation `getIntOrPercentValue`: the percentage's number for a valid percent string, else
 * `IntOrString.IntValue()` — the int itself, or `strconv.Atoi` of the string (0 when it does not parse).
 */
export function intOrPercentValue(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return 0;
  if (isValidPercent(value)) return Number(value.slice(0, -1));
  return /^[+-]?[0-9]+$/.test(value) ? Number(value) : 0;
}

/** `strconv.Itoa(math.MaxInt32)`: upper bound of int32 fields (InclusiveRangeError). */
export const MAX_INT32 = 2147483647;

export function inclusiveRangeError(lo: number, hi: number): string {
  return `must be between ${lo} and ${hi}, inclusive`;
}

/**
 * ValidatePositiveIntOrPercent + IsNotMoreThan100Percent (pkg/apis/apps/validation), as PodDisruptionBudget
 * minAvailable / maxUnavailable use them: an int ≥ 0, or a percent string of at most 100%. Returns the details
 * (empty when valid); values of other types are left to schema validation.
 */
export function intOrPercentProblems(value: unknown): string[] {
  if (typeof value === 'number') return Number.isInteger(value) && value < 0 ? [NEGATIVE_MSG] : [];
  if (typeof value !== 'string') return [];
  if (!isValidPercent(value)) return [PERCENT_MSG];
  return Number(value.slice(0, -1)) > 100 ? ['must not be greater than 100%'] : [];
}
