import { describe, expect, it } from 'vitest';
import { boundData, elide, MAX_PROSE_CHARS, MAX_VALUE_CHARS } from '../../src/output/bound.js';
import { renderJson, renderJsonChunks } from '../../src/output/json.js';
import type { Report } from '../../src/output/report.js';

describe('elide', () => {
  it('keeps strings up to the limit whole and cuts longer ones, counting what it left out', () => {
    expect(elide('x'.repeat(320), 320)).toBe('x'.repeat(320));
    const cut = elide('x'.repeat(1000), 320);
    expect(cut).toBe(`${'x'.repeat(272)}… [728 more characters elided by kubeplan]`);
    expect(cut.length).toBeLessThanOrEqual(320);
  });

  it('never splits a surrogate pair', () => {
    // 271 ASCII characters, then 😀 (two code units) across the cut at 272.
    const text = 'a'.repeat(271) + '😀' + 'b'.repeat(1000);
    const cut = elide(text, 320);
    expect(cut.startsWith('a'.repeat(271) + '…')).toBe(true);
    expect(cut).toContain('[1002 more characters');
  });

  it('valid Kubernetes values are never cut: a 253-character name, a 317-character label key', () => {
    const key = `${'a'.repeat(253)}/${'b'.repeat(63)}`;
    const data = { name: 'n'.repeat(253), labels: { [key]: 'v'.repeat(63) } };
    expect(boundData(data)).toBe(data); // the same object: nothing to do
  });
});

describe('boundData', () => {
  it('cuts long keys and values; two long keys with the same start both stay', () => {
    const a = 'k'.repeat(400) + 'a';
    const b = 'k'.repeat(400) + 'b';
    const out = boundData({ labels: { [a]: '1', [b]: '2' }, notes: ['n'.repeat(MAX_PROSE_CHARS + 1)] });
    const keys = Object.keys(out.labels);
    expect(keys).toHaveLength(2);
    expect(keys[1]).toBe(`${keys[0]} #2`);
    expect(keys.every((k) => k.length <= MAX_VALUE_CHARS + 3)).toBe(true);
    expect(Object.values(out.labels)).toEqual(['1', '2']);
    // Sentences get the longer limit.
    expect(out.notes[0]!.length).toBeLessThanOrEqual(MAX_PROSE_CHARS);
    expect(out.notes[0]).toMatch(/elided by kubeplan/);
  });

  it('keeps a label named __proto__ as a label when it copies', () => {
    const labels = JSON.parse(`{"__proto__": "x", "long": "${'y'.repeat(400)}"}`) as Record<string, string>;
    const out = boundData({ labels });
    expect(Object.keys(out.labels)).toEqual(['__proto__', 'long']);
    expect(Object.getPrototypeOf(out.labels)).toBe(Object.prototype);
    expect(JSON.stringify(out.labels)).toMatch(/^\{"__proto__":"x","long":"y+… \[/);
  });

  it('cuts the long lines of a diff one by one, keeping the others', () => {
    const diff = `--- a\n+++ b\n-x: ${'o'.repeat(5000)}\n+x: y\n`;
    const out = boundData({ diff });
    const lines = out.diff.split('\n');
    expect(lines).toHaveLength(5);
    expect(lines[0]).toBe('--- a');
    expect(lines[2]).toMatch(/^-x: o+… \[\d+ more characters elided by kubeplan\]$/);
    expect(lines[3]).toBe('+x: y');
  });
});

describe('JSON layout', () => {
  const report = {
    findings: [
      {
        ruleId: 'r',
        severity: 'error',
        message: 'm',
        file: 'f.yaml',
        line: 1,
        column: 2,
        endLine: 1,
        endColumn: 3,
        object: { kind: 'Pod', name: 'p' },
      },
      { ruleId: 's', severity: 'info', message: 'n', file: 'f.yaml', line: 2, column: 1, endLine: 2, endColumn: 2 },
    ],
    manifests: [],
    files: ['f.yaml'],
    sources: new Map(),
  } as unknown as Report;

  it('is an object with a member per line and an array element per line', () => {
    expect(renderJson(report)).toBe(
      [
        '{',
        '  "findings": [',
        '    {"ruleId":"r","severity":"error","message":"m","file":"f.yaml","line":1,"column":2,"endLine":1,"endColumn":3,"object":{"kind":"Pod","name":"p"}},',
        '    {"ruleId":"s","severity":"info","message":"n","file":"f.yaml","line":2,"column":1,"endLine":2,"endColumn":2}',
        '  ],',
        '  "findingsSummary": {',
        '    "files": 1,',
        '    "objects": 0,',
        '    "errors": 1,',
        '    "warnings": 0,',
        '    "infos": 1',
        '  }',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('comes in pieces that join to the whole, none holding the whole output', () => {
    const pieces = [...renderJsonChunks(report)];
    expect(pieces.length).toBeGreaterThan(5);
    expect(pieces.join('')).toBe(renderJson(report));
    // The largest piece is one finding's line.
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(renderJson(report).length / 2);
  });
});
