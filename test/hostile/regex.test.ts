/**
 * Regular expressions that come from the inputs: a CustomResourceDefinition in a pull request carries `pattern` and
 * `patternProperties`, and the custom resource next to it carries the text they run on. Catastrophic backtracking
 * patterns must finish (linear-time matching), with the exact finding, and the rest of the run still checked.
 */
import { describe, expect, it } from 'vitest';
import { HANG_GUARD, sandwich } from './helpers.js';

function crdAndResource(schema: string, spec: string): string {
  return `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
${schema}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w}
spec: ${spec}`;
}

describe('patterns from CRDs in the inputs', () => {
  it.each([
    ['^(a+)+$', 'nested quantifiers'],
    ['^(a|a)*$', 'overlapping alternatives'],
    ['^(a|aa)+$', 'ambiguous repetition'],
    ['^([a-z]+)*[0-9]$', 'star of plus'],
  ])('%s (%s) on a 50,000-character value', { timeout: HANG_GUARD }, (pattern) => {
    const schema = `            type: object\n            properties:\n              size: {type: string, pattern: '${pattern}'}`;
    const { validity } = sandwich(crdAndResource(schema, `{size: "${'a'.repeat(50_000)}!"}`));
    expect(validity).toEqual([['schema/format', 'error', 24, 14]]);
  });

  it('patternProperties with a backtracking pattern and a long key', { timeout: HANG_GUARD }, () => {
    const schema = `            type: object\n            patternProperties:\n              '^(a+)+$': {type: integer}`;
    const key = `${'a'.repeat(30_000)}`;
    const { validity } = sandwich(crdAndResource(schema, `{${key}: "not a number", ${key}!: 1}`));
    // the key that matches gets its type checked; the one that does not is an unknown field
    expect(validity).toEqual([
      ['schema/type', 'error', 24, 30_010],
      ['schema/unknown-field', 'error', 24, 30_026],
    ]);
  });
});
