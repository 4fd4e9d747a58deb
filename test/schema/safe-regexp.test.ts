import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { safeRegExp, safeTest } from '../../src/schema/safe-regexp.js';

const crd = (pattern: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                code:
                  type: string
                  pattern: '${pattern}'
`;

const widget = (code: string) => `---
apiVersion: example.com/v1
kind: Widget
metadata:
  name: w
spec:
  code: "${code}"
`;

describe('patterns from the inputs run in linear time (RE2)', () => {
  it('matches like RE2', () => {
    expect(safeTest('^[a-z]+$', 'abc')).toBe(true);
    expect(safeTest('[0-9]', 'ab1')).toBe(true);
    expect(safeTest('^[a-z]+$', 'ab1')).toBe(false);
    expect(() => safeRegExp('(?<=a)b')).toThrow(); // lookbehind: not RE2, rejected by the API server too
  });

  it('a catastrophic-backtracking CRD pattern finishes and still reports the mismatch', () => {
    // With JavaScript's RegExp, ^(a+)+$ against 40 "a"s and a "!" takes longer than the age of the universe.
    const text = crd('^(a+)+$') + widget('a'.repeat(40) + '!');
    const findings = lintText(text, 'w.yaml').findings.filter((f) => f.ruleId.startsWith('schema/'));
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([['schema/format', 29]]);
    expect(findings[0]!.message).toContain('does not match the pattern ^(a+)+$');
  });

  it('keeps several patterns in one schema apart', () => {
    const other = "                other:\n                  type: string\n                  pattern: '^[0-9]+$'\n";
    const two = crd('^[a-z]+$') + other;
    const text = two + widget('abc').replace('  code: "abc"\n', '  code: "abc"\n  other: "123"\n');
    expect(lintText(text, 'w.yaml').findings.filter((f) => f.ruleId.startsWith('schema/'))).toEqual([]);
  });

  it('accepts a value that matches', () => {
    const findings = lintText(crd('^(a+)+$') + widget('aaaa'), 'w.yaml').findings.filter((f) =>
      f.ruleId.startsWith('schema/'),
    );
    expect(findings).toEqual([]);
  });
});
