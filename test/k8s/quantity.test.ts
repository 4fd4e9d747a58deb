import { describe, expect, it } from 'vitest';
import { formatBytes, formatCpu, milliValue, parseQuantity, parseResource, unitValue } from '../../src/k8s/quantity.js';

const nano = (s: unknown) => parseQuantity(s)?.nano;

describe('quantity', () => {
  it('parses decimal SI suffixes', () => {
    expect(nano('1')).toBe(1_000_000_000n);
    expect(nano('500m')).toBe(500_000_000n);
    expect(nano('1k')).toBe(1_000n * 1_000_000_000n);
    expect(nano('2M')).toBe(2_000_000n * 1_000_000_000n);
    expect(nano('3G')).toBe(3_000_000_000n * 1_000_000_000n);
    expect(nano('1T')).toBe(10n ** 12n * 10n ** 9n);
    expect(nano('1P')).toBe(10n ** 15n * 10n ** 9n);
    expect(nano('1E')).toBe(10n ** 18n * 10n ** 9n);
    expect(nano('250u')).toBe(250_000n);
    expect(nano('7n')).toBe(7n);
  });

  it('parses binary suffixes exactly', () => {
    expect(unitValue(parseQuantity('1Ki')!)).toBe(1024);
    expect(unitValue(parseQuantity('16Gi')!)).toBe(17179869184); // 16 × 2^30
    expect(unitValue(parseQuantity('1.5Gi')!)).toBe(1610612736); // 1.5 × 1073741824
    expect(unitValue(parseQuantity('200Mi')!)).toBe(209715200); // 200 × 1048576
    expect(nano('1Ei')).toBe((1n << 60n) * 10n ** 9n);
  });

  it('parses decimal exponents', () => {
    expect(unitValue(parseQuantity('1e3')!)).toBe(1000);
    expect(unitValue(parseQuantity('12E2')!)).toBe(1200);
    expect(milliValue(parseQuantity('1e-3')!)).toBe(1);
    expect(unitValue(parseQuantity('5e+2')!)).toBe(500);
  });

  it('accepts signs, fractions, leading zeros and YAML numbers', () => {
    expect(milliValue(parseQuantity('0.5')!)).toBe(500);
    expect(milliValue(parseQuantity('.25')!)).toBe(250);
    expect(milliValue(parseQuantity('+1.5')!)).toBe(1500);
    expect(unitValue(parseQuantity('007')!)).toBe(7);
    expect(milliValue(parseQuantity(2)!)).toBe(2000);
    expect(milliValue(parseQuantity(0.1)!)).toBe(100);
    expect(unitValue(parseQuantity('-1.5')!)).toBe(-2); // rounded away from zero, like Value()
  });

  it('rounds up: MilliValue and Value are ceilings, sub-nano precision rounds up to 1n', () => {
    expect(milliValue(parseQuantity('0.0001')!)).toBe(1); // 0.1m → 1m
    expect(milliValue(parseQuantity('1.0001m')!)).toBe(2);
    expect(unitValue(parseQuantity('100m')!)).toBe(1);
    expect(nano('0.1n')).toBe(1n);
  });

  it('rejects what the API server rejects', () => {
    for (const bad of [
      '',
      'abc',
      '1KB',
      '1K',
      '1 Gi',
      'Gi',
      '1e',
      '1.5.5',
      '1Gii',
      'm',
      null,
      undefined,
      {},
      [],
      true,
      Number.NaN,
      '1i',
    ]) {
      expect(parseQuantity(bad), String(bad)).toBeNull();
    }
  });

  it('converts to scheduler units per resource', () => {
    expect(parseResource('cpu', '250m')).toBe(250);
    expect(parseResource('cpu', 1)).toBe(1000);
    expect(parseResource('memory', '1Gi')).toBe(1073741824);
    expect(parseResource('nvidia.com/gpu', '2')).toBe(2);
    expect(parseResource('cpu', 'lots')).toBeNull();
  });

  it('formats like Kubernetes', () => {
    expect(formatCpu(4000)).toBe('4');
    expect(formatCpu(1500)).toBe('1500m');
    expect(formatBytes(17179869184)).toBe('16Gi');
    expect(formatBytes(209715200)).toBe('200Mi');
    expect(formatBytes(1_500_000_000)).toBe('1500M');
    expect(formatBytes(1234)).toBe('1234');
  });
});

describe('one quantity module for schema, rules and planner', () => {
  it('finds zero quantities by value, not by text', async () => {
    const { isZeroQuantity } = await import('../../src/k8s/quantity.js');
    expect(['0', '0m', '0Mi', '0.0Gi', 0, '0e3'].map(isZeroQuantity)).toEqual([true, true, true, true, true, true]);
    expect(['1m', '0.001', 'abc', null, '', '0x'].map(isZeroQuantity)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it('compares as Quantity.Cmp does: 1Gi > 1G, 500m = 0.5, 1k < 1Ki', async () => {
    const { compareQuantities, parseQuantity } = await import('../../src/k8s/quantity.js');
    const q = (s: string) => parseQuantity(s)!;
    expect(compareQuantities(q('1Gi'), q('1G'))).toBe(1);
    expect(compareQuantities(q('500m'), q('0.5'))).toBe(0);
    expect(compareQuantities(q('1k'), q('1Ki'))).toBe(-1);
  });
});
