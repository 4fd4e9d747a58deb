import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeSelector,
  matches,
  parseLabelSelector,
  parseMapSelector,
  type Selector,
} from '../../src/k8s/label-selector.js';

const web = { app: 'web', tier: 'frontend' };

describe('LabelSelector (metav1) semantics', () => {
  it('a nil selector selects nothing; an empty one selects everything', () => {
    expect(parseLabelSelector(undefined)).toEqual({ type: 'nothing' });
    expect(parseLabelSelector(null)).toEqual({ type: 'nothing' });
    expect(matches(parseLabelSelector(undefined), web)).toBe(false);
    expect(matches(parseLabelSelector(undefined), {})).toBe(false);
    expect(parseLabelSelector({})).toEqual({ type: 'everything' });
    expect(matches(parseLabelSelector({}), web)).toBe(true);
    expect(matches(parseLabelSelector({}), {})).toBe(true);
    // Empty matchLabels / matchExpressions are still an empty selector.
    expect(matches(parseLabelSelector({ matchLabels: {}, matchExpressions: [] }), {})).toBe(true);
  });

  it('matchLabels requires each key with that exact value', () => {
    const s = parseLabelSelector({ matchLabels: { app: 'web' } });
    expect(matches(s, web)).toBe(true);
    expect(matches(s, { app: 'api' })).toBe(false);
    expect(matches(s, { tier: 'frontend' })).toBe(false);
  });

  it('In needs the key with one of the values', () => {
    const s = parseLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'edge'] }] });
    expect(matches(s, web)).toBe(true);
    expect(matches(s, { tier: 'backend' })).toBe(false);
    expect(matches(s, {})).toBe(false);
  });

  it('NotIn matches a different value and a missing key', () => {
    const s = parseLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['frontend'] }] });
    expect(matches(s, web)).toBe(false);
    expect(matches(s, { tier: 'backend' })).toBe(true);
    expect(matches(s, { app: 'web' })).toBe(true);
  });

  it('Exists and DoesNotExist look only at the key', () => {
    const exists = parseLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'Exists' }] });
    const absent = parseLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] });
    expect(matches(exists, web)).toBe(true);
    expect(matches(exists, { tier: '' })).toBe(true);
    expect(matches(exists, { app: 'web' })).toBe(false);
    expect(matches(absent, web)).toBe(false);
    expect(matches(absent, { app: 'web' })).toBe(true);
  });

  it('ANDs matchLabels with every expression', () => {
    const s = parseLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }],
    });
    expect(matches(s, web)).toBe(true);
    expect(matches(s, { ...web, canary: 'true' })).toBe(false);
    expect(matches(s, { tier: 'frontend' })).toBe(false);
  });

  it('rejects what the API server rejects, and an invalid selector matches nothing', () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ matchExpressions: [{ key: 'a', operator: 'Equals', values: ['x'] }] }, /not a valid operator/],
      [{ matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, /needs at least one value/],
      [{ matchExpressions: [{ key: 'a', operator: 'NotIn' }] }, /needs at least one value/],
      [{ matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, /takes no values/],
      [{ matchExpressions: [{ operator: 'Exists' }] }, /needs a key/],
      [{ matchLabels: ['app'] }, /must be a mapping/],
      ['app=web', /must be a mapping/],
    ];
    for (const [raw, reason] of cases) {
      const s = parseLabelSelector(raw);
      expect(s.type).toBe('invalid');
      expect((s as { reason: string }).reason).toMatch(reason);
      expect(matches(s, {})).toBe(false);
    }
  });

  it('reads YAML 1.1 numbers and booleans as the text they were meant to be', () => {
    expect(matches(parseLabelSelector({ matchLabels: { version: 1.5 } }), { version: '1.5' })).toBe(true);
  });

  it('describes selectors the way kubectl prints them', () => {
    const s = parseLabelSelector({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'x', operator: 'NotIn', values: ['c'] },
        { key: 'y', operator: 'Exists' },
        { key: 'z', operator: 'DoesNotExist' },
      ],
    });
    expect(describeSelector(s)).toBe('{app: web, tier in (a, b), x notin (c), y, !z}');
  });
});

describe('map selectors (Service, ReplicationController)', () => {
  it('empty or absent selects nothing (the endpoints are managed elsewhere)', () => {
    expect(matches(parseMapSelector(undefined), web)).toBe(false);
    expect(matches(parseMapSelector({}), web)).toBe(false);
    expect(matches(parseMapSelector({}), {})).toBe(false);
  });

  it('every key must be present with that value', () => {
    expect(matches(parseMapSelector({ app: 'web' }), web)).toBe(true);
    expect(matches(parseMapSelector({ app: 'web', tier: 'front' }), web)).toBe(false);
  });
});

/** A direct transcription of labels.Requirement.Matches, to compare against on random input. */
function reference(
  selector:
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
      }
    | undefined,
  labels: Record<string, string>,
): boolean {
  if (selector === undefined) return false;
  const reqs = [
    ...Object.entries(selector.matchLabels ?? {}).map(([key, v]) => ({ key, operator: 'In', values: [v] })),
    ...(selector.matchExpressions ?? []),
  ];
  return reqs.every(({ key, operator, values = [] }) => {
    const has = key in labels;
    if (operator === 'In') return has && values.includes(labels[key]!);
    if (operator === 'NotIn') return !has || !values.includes(labels[key]!);
    if (operator === 'Exists') return has;
    return !has;
  });
}

describe('agrees with a reference implementation on generated selectors', () => {
  const key = fc.constantFrom('app', 'tier', 'env');
  const value = fc.constantFrom('a', 'b', 'c');
  const labels = fc.dictionary(key, value);
  const expression = fc.oneof(
    fc.record({
      key,
      operator: fc.constantFrom('In', 'NotIn'),
      values: fc.array(value, { minLength: 1, maxLength: 3 }),
    }),
    fc.record({ key, operator: fc.constantFrom('Exists', 'DoesNotExist') }),
  );
  const selector = fc.option(
    fc.record(
      { matchLabels: fc.dictionary(key, value), matchExpressions: fc.array(expression, { maxLength: 3 }) },
      { requiredKeys: [] },
    ),
    {
      nil: undefined,
    },
  );

  it('matches(parse(s), l) === reference(s, l)', () => {
    fc.assert(
      fc.property(selector, labels, (s, l) => {
        const parsed: Selector = parseLabelSelector(s);
        expect(parsed.type).not.toBe('invalid');
        expect(matches(parsed, l)).toBe(reference(s, l));
      }),
      { numRuns: 300, seed: 42 },
    );
  });
});
