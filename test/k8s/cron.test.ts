import { describe, expect, it } from 'vitest';
import { localIso, nextRuns, parseCron, utcIso } from '../../src/k8s/cron.js';

const runs = (schedule: string, from: string, tz?: string, n = 3) => {
  const spec = parseCron(schedule);
  if (typeof spec === 'string') throw new Error(spec);
  return nextRuns(spec, Date.parse(from), n, tz).map(utcIso);
};

describe('cron', () => {
  it('parses lists, ranges, steps, names and descriptors', () => {
    const s = parseCron('0,30 9-17/4 1-7 JAN,jul mon-fri');
    expect(typeof s).toBe('object');
    if (typeof s === 'string') return;
    expect([...s.minute]).toEqual([0, 30]);
    expect([...s.hour]).toEqual([9, 13, 17]);
    expect([...s.month]).toEqual([1, 7]);
    expect([...s.dow]).toEqual([1, 2, 3, 4, 5]);
    expect(parseCron('@daily')).toEqual(parseCron('0 0 * * *'));
    expect([...(parseCron('5/20 * * * *') as { minute: Set<number> }).minute]).toEqual([5, 25, 45]); // n/step = n-max/step
  });

  it('rejects invalid schedules', () => {
    for (const bad of [
      '* * * *',
      '60 * * * *',
      '* 24 * * *',
      '* * 0 * *',
      '* * * 13 *',
      '* * * * 7',
      '*/0 * * * *',
      '5-1 * * * *',
      'TZ=UTC 0 * * * *',
      '@every 5m',
      '@sometimes',
      'a b c d e',
    ]) {
      expect(typeof parseCron(bad), bad).toBe('string');
    }
  });

  it('runs strictly after now', () => {
    // 00:00 exactly does not count: the next midnight is the following day
    expect(runs('0 0 * * *', '2025-01-01T00:00:00Z', undefined, 2)).toEqual([
      '2025-01-02T00:00:00Z',
      '2025-01-03T00:00:00Z',
    ]);
    expect(runs('*/20 * * * *', '2025-01-01T00:05:30Z')).toEqual([
      '2025-01-01T00:20:00Z',
      '2025-01-01T00:40:00Z',
      '2025-01-01T01:00:00Z',
    ]);
  });

  it('day-of-month OR day-of-week unless one is a star', () => {
    // "1st of the month, or any Monday": 2025-01-06 and 2025-01-13 are Mondays, 2025-02-01 the 1st
    expect(runs('0 12 1 * 1', '2025-01-02T00:00:00Z')).toEqual([
      '2025-01-06T12:00:00Z',
      '2025-01-13T12:00:00Z',
      '2025-01-20T12:00:00Z',
    ]);
    // with dow = * only the day of month counts
    expect(runs('0 12 1 * *', '2025-01-02T00:00:00Z', undefined, 2)).toEqual([
      '2025-02-01T12:00:00Z',
      '2025-03-01T12:00:00Z',
    ]);
    // a stepped star is not a star: "*/2" days OR Sundays
    expect(runs('0 0 */15 * sun', '2025-01-01T12:00:00Z', undefined, 3)).toEqual([
      '2025-01-05T00:00:00Z',
      '2025-01-12T00:00:00Z',
      '2025-01-16T00:00:00Z',
    ]);
  });

  it('time zones: offsets, spring-forward gaps and fall-back repeats', () => {
    // New York 09:00 is 14:00Z in winter (EST, −5) and 13:00Z in summer (EDT, −4); DST starts 9 Mar 2025
    expect(runs('0 9 * * *', '2025-03-07T15:00:00Z', 'America/New_York')).toEqual([
      '2025-03-08T14:00:00Z',
      '2025-03-09T13:00:00Z',
      '2025-03-10T13:00:00Z',
    ]);
    // 01:30 happens twice on 2 Nov 2025 in New York (EDT then EST): 05:30Z and 06:30Z
    expect(runs('30 1 * * *', '2025-11-01T12:00:00Z', 'America/New_York')).toEqual([
      '2025-11-02T05:30:00Z',
      '2025-11-02T06:30:00Z',
      '2025-11-03T06:30:00Z',
    ]);
    // Kolkata is +05:30: 09:00 local is 03:30Z
    expect(runs('0 9 * * *', '2025-01-01T00:00:00Z', 'Asia/Kolkata', 1)).toEqual(['2025-01-01T03:30:00Z']);
    expect(localIso(Date.parse('2025-01-01T03:30:00Z'), 'Asia/Kolkata')).toBe('2025-01-01T09:00:00+05:30');
  });

  it('gives up after five years like robfig (29 February)', () => {
    expect(runs('0 0 29 2 *', '2025-01-01T00:00:00Z')).toEqual(['2028-02-29T00:00:00Z']);
  });
});
