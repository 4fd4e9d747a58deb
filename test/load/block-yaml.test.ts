/**
 * The block-YAML reader (src/load/block-yaml.ts) takes the documents it can and leaves the rest to yaml; where it
 * answers, it must answer exactly as yaml: the same findings, the same objects with keys in the same order, the same
 * positions for every path. Compared on hand-written cases, on generated documents, and on every corpus file.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../scripts/corpus.mjs';
import { readBlockYaml } from '../../src/load/block-yaml.js';
import { DEFAULT_LIMITS } from '../../src/load/limits.js';
import { chunkStarts, parseText, plainResolver } from '../../src/load/parse.js';
import { pathsOf, yamlFilesUnder } from './walk.js';

/** The value with every object's keys listed in order (toEqual alone ignores key order), NaN and -0 spelled out. */
function ordered(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(ordered);
  if (typeof value === 'number') return Object.is(value, -0) ? '-0' : Number.isNaN(value) ? 'NaN' : value;
  if (typeof value === 'object' && value !== null) return Object.entries(value).map(([k, v]) => [k, ordered(v)]);
  return value;
}

/** The differences between the two readers on one text, as lines. */
function differences(text: string, file = 'f.yaml'): string[] {
  const fast = parseText(text, file);
  const slow = parseText(text, file, DEFAULT_LIMITS, { blockReader: false });
  const out: string[] = [];
  if (JSON.stringify(fast.findings) !== JSON.stringify(slow.findings))
    out.push(`${file}: findings ${JSON.stringify(fast.findings)} ≠ ${JSON.stringify(slow.findings)}`);
  if (fast.manifests.length !== slow.manifests.length) return [...out, `${file}: manifest count differs`];
  fast.manifests.forEach((m, i) => {
    const s = slow.manifests[i]!;
    if (JSON.stringify(ordered(m.object)) !== JSON.stringify(ordered(s.object)))
      out.push(
        `${file} doc ${m.docIndex}: object ${JSON.stringify(m.object).slice(0, 300)} ≠ ${JSON.stringify(s.object).slice(0, 300)}`,
      );
    if (m.docIndex !== s.docIndex || m.itemIndex !== s.itemIndex) out.push(`${file}: indexes differ`);
    for (const p of pathsOf(m.object)) {
      for (const target of ['key', 'value'] as const) {
        const a = JSON.stringify(m.locate(p, target));
        const b = JSON.stringify(s.locate(p, target));
        if (a !== b) out.push(`${file} doc ${m.docIndex} ${JSON.stringify(p)} ${target}: ${a} ≠ ${b}`);
      }
      const a = JSON.stringify(m.scalarSource(p));
      const b = JSON.stringify(s.scalarSource(p));
      if (a !== b) out.push(`${file} doc ${m.docIndex} ${JSON.stringify(p)} scalarSource: ${a} ≠ ${b}`);
    }
    expect(m.pathAt?.(2, 1)).toEqual(s.pathAt?.(2, 1));
  });
  return out;
}

/** How many of the text's documents the block reader takes. */
function taken(text: string): number {
  const starts = chunkStarts(text);
  return starts.filter((start, c) => {
    const chunk = text.slice(start, starts[c + 1] ?? text.length);
    return readBlockYaml(chunk, start, 200, plainResolver()) !== undefined;
  }).length;
}

/** Documents the reader gives up on (each must still read exactly as yaml reads it). */
const LEFT_TO_YAML = [
  // Found by the mutation test: a comment must be separated from `|` and `[]` by a blank.
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: |# c\n    v\n',
  'apiVersion: v1\nkind: ConfigMap\ndata: []# c\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  k:\n  - a\n  - \n  j: 1\n',
  'apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: a}\nother: *m\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: 1\n  a: 2\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: >\n    folded\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: "multi\n    line"\n',
  'apiVersion: v1\nkind: ConfigMap\ndata: {a: 1, b: [x, y]}\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n\tk: v\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: v # c\n    more\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: a: b\n',
  'apiVersion: v1\nkind: ConfigMap\n<<: {data: {}}\n',
  'apiVersion: v1\r\nkind: ConfigMap\r\n',
  'apiVersion: v1\nkind: ConfigMap\n  bad: indent\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: !!str 1\n',
  'apiVersion: v1\nkind: ConfigMap\n1: numeric key\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  "{{ .Values.key }}": x\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  a{{b}}: c\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: {{ .Values.x }}\n',
  '- not\n- a map\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: # empty, with a comment\n  b: 1\n',
  'apiVersion: v1\nkind: ConfigMap\ndata:\n# nothing below\n',
  'apiVersion: v1\nkind: ConfigMap\n...\napiVersion: v1\nkind: Secret\n',
  'apiVersion: v1\nkind: ConfigMap\n--- {a: 1}\n',
];

const CASES: Record<string, string> = {
  scalars: [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: cfg   # trailing comment',
    '  labels:',
    '    app.kubernetes.io/name: web',
    '    \'quoted key\': "double"',
    'data:',
    '  bool: no',
    '  octal: 0755',
    '  hex: 0x1F',
    '  float: 1.5e3',
    '  dot: .5',
    '  inf: .inf',
    '  nul: ~',
    '  empty:',
    '  t: true',
    '  why: y',
    '  switch: off',
    '  hash: a#b',
    '  url: http://x:80/p?q=1&r=2',
    "  single: 'it''s'",
    '  escapes: "a\\tb\\n\\"c\\" \\u00e9 \\\\"',
    '  time: 2024-01-01',
    '  base60: 1:20',
    '  underscores: 1_000',
    '  unicode: "é 😀 ключ"',
    '  multi: first line',
    '    second line',
    '',
    '    after a blank',
    '  last: x',
    '',
  ].join('\n'),
  blocks: [
    '---',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {}',
    'data:',
    '  script: |',
    '    #!/bin/sh',
    '      indented',
    '',
    '    echo "done"',
    '',
    '  strip: |-',
    '    a',
    '    b',
    '  clip: |   # with a comment',
    '    c',
    'binaryData: {}',
    '',
  ].join('\n'),
  collections: [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: web',
    '# a comment at column 0',
    '  namespace: prod',
    'spec:',
    '  template:',
    '    spec:',
    '      containers:',
    '      - name: a',
    '        args:',
    '        - --flag',
    '        -   spaced',
    '        -',
    '        - ',
    '        - last',
    '        env:',
    '          - name: X',
    '            value: "1"',
    '          -',
    '            name: Y',
    '      - - nested',
    '        - seq',
    '      volumes: []',
    '      nodeSelector: {}',
    'status:',
    '',
  ].join('\n'),
  list: [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '- apiVersion: v1',
    '  kind: ConfigMap',
    '  metadata:',
    '    name: a',
    '- 3',
    '- apiVersion: v1',
    '  kind: Secret',
    '  metadata:',
    '    name: b',
  ].join('\n'),
  noFinalNewline: 'apiVersion: v1\nkind: ConfigMap\ndata:\n  k: |\n    v',
  // Template text in values is data (alert descriptions, dashboards): read as yaml reads it.
  templatesInValues:
    'apiVersion: v1\nkind: ConfigMap\ndata:\n  summary: Pod {{ $labels.pod }} is down\n  q: "{{ .Values.x }}"\n  t: |\n    {{ define "x" }}\n',
  leftToYaml: LEFT_TO_YAML.join('---\n'),
};

describe('block-YAML reader ≡ yaml', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(name, () => {
      expect(differences(text)).toEqual([]);
    });
  }

  it('takes the plain block documents and leaves the others to yaml', () => {
    for (const name of ['scalars', 'blocks', 'collections', 'list', 'noFinalNewline', 'templatesInValues'])
      expect(taken(CASES[name]!), name).toBe(1);
    for (const text of LEFT_TO_YAML) expect(taken(text), text).toBe(0);
  });

  it('generated documents', () => {
    const scalars = [
      'a',
      'yes',
      'No',
      'on',
      '~',
      'null',
      '',
      '0755',
      '0x1f',
      '1e3',
      '-1',
      '+1',
      '.5',
      '1.',
      '1_0',
      '12:30',
      'a b',
      'a#b',
      'a #b',
      "'q'",
      '"d"',
      '"e\\nf"',
      "'it''s'",
      '"\\u00e9"',
      'http://h:1/p',
      'ä',
      '- x',
      ': x',
      '[]',
      '{}',
      '|\n  lit\n',
      '|-\n  a\n  b\n',
      'multi\n  line',
      'true',
      'Y',
      '.inf',
      '.NaN',
      '0o17',
      '0b101',
    ];
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const value = (indent: number, depth: number): string => {
      const kind = depth > 3 ? 0 : random(4);
      if (kind === 0) {
        const s = scalars[random(scalars.length)]!;
        return s.includes('\n') ? ` ${s.replace(/\n/g, '\n' + ' '.repeat(indent + 2))}` : s === '' ? '' : ` ${s}`;
      }
      if (kind === 1 || kind === 2) {
        const keys = 1 + random(3);
        let out = '';
        for (let k = 0; k < keys; k++) out += `\n${' '.repeat(indent + 2)}k${k}:${value(indent + 2, depth + 1)}`;
        return out;
      }
      const items = 1 + random(3);
      let out = '';
      for (let k = 0; k < items; k++) out += `\n${' '.repeat(indent + 2)}-${value(indent + 2, depth + 1)}`;
      return out;
    };
    const texts: string[] = [];
    for (let n = 0; n < 300; n++) {
      let text = 'apiVersion: v1\nkind: ConfigMap\n';
      for (let k = 0; k < 4; k++) text += `f${k}:${value(0, 0)}\n`;
      texts.push(text);
    }
    const diffs = texts.flatMap((t, n) => differences(t, `gen-${n}.yaml`));
    expect(diffs.slice(0, 10)).toEqual([]);
    // Enough of them are plain enough for the reader to take.
    expect(texts.filter((t) => taken(t) === 1).length).toBeGreaterThan(60);
  });

  it('mutated documents: one character inserted, deleted or replaced, 3,000 times (seeded)', () => {
    const bases = [CASES.scalars!, CASES.blocks!, CASES.collections!, CASES.list!, CASES.templatesInValues!];
    const alphabet = [
      ' ',
      '  ',
      '\n',
      ':',
      ': ',
      '-',
      '- ',
      '#',
      ' #',
      "'",
      '"',
      '|',
      '>',
      '[',
      ']',
      '{',
      '}',
      ',',
      '&a',
      '*a',
      '!',
      '?',
      '\\',
      'x',
      '0',
      '~',
      '%',
      '@',
      '{{',
      '}}',
      '`',
      '\t',
      '---\n',
      '...',
    ];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const diffs: string[] = [];
    let taken = 0;
    for (let n = 0; n < 3000 && diffs.length < 5; n++) {
      const base = bases[n % bases.length]!;
      const at = random(base.length);
      const op = random(3);
      const piece = alphabet[random(alphabet.length)]!;
      const text =
        op === 0
          ? base.slice(0, at) + piece + base.slice(at)
          : op === 1
            ? base.slice(0, at) + base.slice(at + 1 + random(3))
            : base.slice(0, at) + piece + base.slice(at + 1);
      if (readBlockYaml(text, 0, 200, plainResolver())) taken++;
      for (const d of differences(text, `mutation-${n}.yaml`)) diffs.push(`${d}\n--- text:\n${text}`);
    }
    expect(diffs.slice(0, 3)).toEqual([]);
    expect(taken).toBeGreaterThan(300); // many mutations are still plain block YAML the reader takes
  });

  const root = corpusRoot();
  it.skipIf(!existsSync(root))('every corpus file, and most corpus documents are taken', () => {
    const files = yamlFilesUnder(root);
    let documents = 0;
    let fast = 0;
    let bytes = 0;
    let fastBytes = 0;
    const diffs: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const d of differences(text, path.relative(root, file))) diffs.push(d);
      const starts = chunkStarts(text);
      starts.forEach((start, c) => {
        const chunk = text.slice(start, starts[c + 1] ?? text.length);
        documents++;
        bytes += chunk.length;
        if (readBlockYaml(chunk, start, 200, plainResolver()) !== undefined) {
          fast++;
          fastBytes += chunk.length;
        }
      });
    }
    expect(diffs.slice(0, 20)).toEqual([]);
    console.log(`block reader: ${fast}/${documents} documents, ${((100 * fastBytes) / bytes).toFixed(0)} % of bytes`);
    expect(fastBytes / bytes).toBeGreaterThan(0.3);
  });
});
