/**
 * IntOrString values (`maxSurge: 1`, `maxUnavailable: "25%"`, `minAvailable: 2`, `partition: 2`) resolved as Kubernetes does.
 * Mirrors apimachinery `intstr.GetScaledValueFromIntOrPercent` (a string is valid only as "<int>%": "3" is rejected).
 */

/** An IntOrString read from a manifest: an integer, or a whole-number percentage. */
export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

/** Parses a manifest value; returns an error message for anything Kubernetes would reject. */
export function parseIntOrPercent(raw: unknown): IntOrPercent | { error: string } {
  if (typeof raw === 'number') {
    if (!Number.isSafeInteger(raw)) return { error: `must be an integer or a percentage, got ${raw}` };
    if (raw < 0) return { error: `must not be negative, got ${raw}` };
    return { kind: 'int', value: raw };
  }
  if (typeof raw === 'string') {
    // intstr: a string is only valid as "<int>%" (strconv.Atoi on the part before '%').
    const m = /^([+-]?\d{1,9})%$/.exec(raw);
    if (!m) return { error: `must be an integer or a percentage like "25%", got ${JSON.stringify(raw)}` };
    const value = Number(m[1]);
    if (value < 0) return { error: `must not be negative, got ${JSON.stringify(raw)}` };
    return { kind: 'percent', value };
  }
  return { error: `must be an integer or a percentage like "25%", got ${raw === null ? 'null' : typeof raw}` };
}

/**
 * `GetScaledValueFromIntOrPercent(v, total, roundUp)`: an int is returned as is; a percentage is
 * `ceil(v*total/100)` when rounding up (maxSurge) and `floor(v*total/100)` otherwise (maxUnavailable).
 * The float arithmetic is Go's `float64(v) * float64(total) / 100`.
 */
export function scaledValue(v: IntOrPercent, total: number, roundUp: boolean): number {
  if (v.kind === 'int') return v.value;
  const x = (v.value * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export function formatIntOrPercent(v: IntOrPercent): string {
  return v.kind === 'int' ? String(v.value) : `${v.value}%`;
}

/** The value when Kubernetes accepts it, else undefined (for checks that leave invalid values to validation). */
export function readIntOrPercent(raw: unknown): IntOrPercent | undefined {
  const v = parseIntOrPercent(raw);
  return 'error' in v ? undefined : v;
}
