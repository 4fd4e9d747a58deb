/**
 * IntOrString as apimachinery reads it: k8s.io/apimachinery v0.36 pkg/util/intstr/intstr.go
 * `getIntOrPercentValueSafely` (a string must end in "%"; strconv.Atoi on the rest) and
 * `GetScaledValueFromIntOrPercent` (percent × total / 100, ceil when roundUp, floor otherwise).
 */
import { describe, expect, it } from 'vitest';
import { formatIntOrPercent, parseIntOrPercent, readIntOrPercent, scaledValue } from '../../src/k8s/intstr.js';

describe('IntOrString', () => {
  it('reads integers and percentages', () => {
    expect(parseIntOrPercent(3)).toEqual({ kind: 'int', value: 3 });
    expect(parseIntOrPercent('25%')).toEqual({ kind: 'percent', value: 25 });
  });

  it('rejects a string that is not a percentage, as getIntOrPercentValueSafely does ("3" is not 3)', () => {
    expect(readIntOrPercent('3')).toBeUndefined();
    expect(readIntOrPercent(' 3 ')).toBeUndefined();
    expect(readIntOrPercent('25 %')).toBeUndefined();
    expect(parseIntOrPercent('3')).toEqual({ error: 'must be an integer or a percentage like "25%", got "3"' });
  });

  it('rejects negatives and non-integers', () => {
    expect(readIntOrPercent(-1)).toBeUndefined();
    expect(readIntOrPercent(1.5)).toBeUndefined();
    expect(readIntOrPercent('-5%')).toBeUndefined();
    expect(readIntOrPercent(null)).toBeUndefined();
  });

  it('scales percentages: 25% of 10 is ceil(2.5) = 3 rounding up (maxSurge), floor(2.5) = 2 rounding down (maxUnavailable)', () => {
    expect(scaledValue({ kind: 'percent', value: 25 }, 10, true)).toBe(3);
    expect(scaledValue({ kind: 'percent', value: 25 }, 10, false)).toBe(2);
    expect(scaledValue({ kind: 'int', value: 7 }, 10, false)).toBe(7);
  });

  it('prints values as written', () => {
    expect(formatIntOrPercent({ kind: 'percent', value: 50 })).toBe('50%');
    expect(formatIntOrPercent({ kind: 'int', value: 0 })).toBe('0');
  });
});
