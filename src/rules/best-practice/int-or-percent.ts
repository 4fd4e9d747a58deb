/** IntOrString values of PodDisruptionBudgets: 2 or "25%". */

export type IntOrPercent = { kind: 'int'; value: number } | { kind: 'percent'; value: number };

export function parseIntOrPercent(raw: unknown): IntOrPercent | undefined {
  if (typeof raw === 'number' && Number.isInteger(raw) && raw >= 0) return { kind: 'int', value: raw };
  if (typeof raw === 'string') {
    const match = /^(\d+)%$/.exec(raw.trim());
    if (match) return { kind: 'percent', value: Number(match[1]) };
    if (/^\d+$/.test(raw.trim())) return { kind: 'int', value: Number(raw.trim()) };
  }
  return undefined;
}

/** The absolute number for `total` pods, rounding percentages up (as the disruption controller does). */
export function scaled(value: IntOrPercent, total: number): number {
  return value.kind === 'int' ? value.value : Math.ceil((value.value * total) / 100);
}

export function show(value: IntOrPercent): string {
  return value.kind === 'int' ? String(value.value) : `${value.value}%`;
}
