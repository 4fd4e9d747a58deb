/**
 * Quadratic work on large mappings (issue 16 item 7): yaml's duplicate-key check compares each key with every earlier
 * one (a ConfigMap with 80,000 keys, 949 KB: 47 s). The loader finds duplicates with one hash set per mapping,
 * with the same finding at the same position. The CLI runs in a bounded child (10 s, 1 GB heap).
 */
import { describe, expect, it } from 'vitest';
import { CHILD_GUARD, expectFinished, runBounded } from './child.js';
import { HANG_GUARD, sandwich, tree } from './helpers.js';

describe('duplicate keys in linear time', () => {
  it(
    '80,000 data keys with one duplicate near the end: found at its line, within the bounds',
    { timeout: CHILD_GUARD },
    () => {
      const lines = ['apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: big}', 'data:'];
      for (let i = 0; i < 80_000; i++) lines.push(`  key${i}: v`);
      lines.push('  key79000: again');
      const dir = tree({ 'cm.yaml': lines.join('\n') + '\n' });
      const out = expectFinished(runBounded(['lint', 'cm.yaml', '--format', 'json'], { cwd: dir }));
      expect(out.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['yaml/duplicate-key', 80_005, 3]]);
      expect(out.findings[0]!.message).toBe(
        'duplicate key: "key79000" is already defined in this mapping (the API server rejects duplicate fields)',
      );
    },
  );

  it(
    'keys are equal as YAML 1.1 resolves them; NaN and keys of different types are not duplicates',
    { timeout: HANG_GUARD },
    () => {
      const { findings } = sandwich(
        [
          'apiVersion: v1',
          'kind: ConfigMap',
          'metadata: {name: keys, labels: &l {a: b}}',
          'data:',
          '  1: a',
          '  "1": b', // a string, not the integer 1
          '  0x1: c', // the integer 1 again
          '  .nan: d',
          '  .NaN: e', // NaN is never equal to itself
          '  y: f',
          '  Yes: g', // both true in YAML 1.1
          '  nested: {k: 1, k: 2}',
          '  list: [{k: 1}, {k: 1}]', // separate mappings
        ].join('\n'),
      );
      expect(findings).toEqual([
        ['yaml/duplicate-key', 7, 3],
        ['yaml/duplicate-key', 11, 3],
        ['yaml/duplicate-key', 12, 18],
      ]);
    },
  );
});

/** A CRD (group example.com, kind Big) whose spec.items/spec.level use `schema`, and one custom resource. */
function crdWith(specProperties: string, resourceSpec: string): Record<string, string> {
  return {
    'crd.yaml': [
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata: {name: bigs.example.com}',
      'spec:',
      '  group: example.com',
      '  names: {kind: Big, plural: bigs, singular: big, listKind: BigList}',
      '  scope: Namespaced',
      '  versions:',
      '    - name: v1',
      '      served: true',
      '      storage: true',
      '      schema:',
      '        openAPIV3Schema:',
      '          type: object',
      '          properties:',
      '            spec:',
      '              type: object',
      '              properties:',
      specProperties,
      '',
    ].join('\n'),
    'big.yaml': `apiVersion: example.com/v1\nkind: Big\nmetadata: {name: b, namespace: default}\nspec:\n${resourceSpec}\n`,
  };
}

describe('untrusted schema keywords in linear time (issue 16 item 7)', () => {
  it(
    'x-kubernetes-list-type: set over 60,000 object items with one duplicate: found, within the bounds',
    { timeout: CHILD_GUARD },
    () => {
      const items: string[] = [];
      for (let i = 0; i < 60_000; i++) items.push(`{a: ${i}}`);
      items.push('{a: 59990}'); // index 60,000 repeats index 59,990
      const dir = tree(
        crdWith(
          [
            '                items:',
            '                  type: array',
            '                  x-kubernetes-list-type: set',
            '                  items: {type: object, x-kubernetes-preserve-unknown-fields: true}',
          ].join('\n'),
          `  items: [${items.join(', ')}]`,
        ),
      );
      const out = expectFinished(runBounded(['lint', 'crd.yaml', 'big.yaml', '--format', 'json'], { cwd: dir }));
      const invalid = out.findings.filter((f) => f.ruleId === 'schema/invalid');
      expect(invalid.map((f) => f.message)).toEqual([
        'spec.items: items [60000] and [59990] are identical; items must be unique',
      ]);
    },
  );

  it(
    'a 70,000-value enum: compiled and checked within the bounds, the value outside it reported',
    { timeout: CHILD_GUARD },
    () => {
      const values: string[] = [];
      for (let i = 0; i < 70_000; i++) values.push(`v${i}`);
      const dir = tree(crdWith(`                level: {type: string, enum: [${values.join(', ')}]}`, '  level: w1'));
      const out = expectFinished(runBounded(['lint', 'crd.yaml', 'big.yaml', '--format', 'json'], { cwd: dir }));
      const enumFindings = out.findings.filter((f) => f.file === 'big.yaml' && f.ruleId.startsWith('schema/'));
      expect(enumFindings).toHaveLength(1);
      expect(enumFindings[0]!.message).toContain('spec.level');
      // a value inside the enum passes
      const ok = tree(
        crdWith(`                level: {type: string, enum: [${values.join(', ')}]}`, '  level: v69999'),
      );
      const clean = expectFinished(runBounded(['lint', 'crd.yaml', 'big.yaml', '--format', 'json'], { cwd: ok }));
      expect(clean.findings.filter((f) => f.file === 'big.yaml' && f.ruleId.startsWith('schema/'))).toEqual([]);
    },
  );
});
