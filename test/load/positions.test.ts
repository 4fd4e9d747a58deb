/**
 * Manifest.locate / scalarSource read a plain position tree (src/load/positions.ts) instead of keeping yaml's Document.
 * The tree must answer exactly as the Document walk it replaced (DocumentSourceMap): compared here on every path of
 * hand-written edge cases (merge keys, aliases, empty values and items, flow collections, Lists) and of every file
 * in the shared corpus (when present), including paths that do not exist.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../scripts/corpus.mjs';
import type { JsonPath, Manifest } from '../../src/core/types.js';
import { documentSourceMaps, parseText } from '../../src/load/parse.js';
import type { DocumentSourceMap } from '../../src/load/source-map.js';

/** Every path of `value` (capped), and beside each a missing field, a missing index and a numeric key. */
function pathsOf(value: unknown, limit = 4000): JsonPath[] {
  const out: JsonPath[] = [[], ['nope'], [0]];
  const stack: Array<[unknown, Array<string | number>]> = [[value, []]];
  while (stack.length > 0 && out.length < limit) {
    const [v, p] = stack.pop()!;
    if (Array.isArray(v)) {
      out.push([...p, v.length], [...p, 'x']);
      v.forEach((item, i) => {
        out.push([...p, i]);
        stack.push([item, [...p, i]]);
      });
    } else if (typeof v === 'object' && v !== null) {
      out.push([...p, 'missing-field'], [...p, 0, 'deeper']);
      for (const [k, item] of Object.entries(v)) {
        out.push([...p, k], [...p, k, 'below']);
        stack.push([item, [...p, k]]);
      }
    }
  }
  return out;
}

/** Differences between the manifests' answers and the Document walk's, as readable lines. */
function differences(text: string, file = 'f.yaml'): string[] {
  const { manifests } = parseText(text, file);
  const maps = documentSourceMaps(text);
  const out: string[] = [];
  for (const m of manifests) {
    const map = maps[m.docIndex] as DocumentSourceMap;
    for (const p of pathsOf(m.object)) {
      const full = [...m.basePath, ...p];
      for (const target of ['key', 'value'] as const) {
        const got = m.locate(p, target);
        const want = map.locate(full, target);
        if (JSON.stringify(got) !== JSON.stringify(want))
          out.push(
            `${file} doc ${m.docIndex} ${JSON.stringify(p)} ${target}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`,
          );
      }
      const got = m.scalarSource(p);
      const want = map.scalarSource(full);
      if (JSON.stringify(got) !== JSON.stringify(want))
        out.push(
          `${file} doc ${m.docIndex} ${JSON.stringify(p)} scalarSource: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`,
        );
    }
  }
  return out;
}

const EDGE_CASES: Record<string, string> = {
  merges: [
    'base: &base {a: 1, b: {c: 2}}',
    'other: &other',
    '  b: 9',
    '  d: 4',
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  <<: [*base, *other]',
    '  name: x',
    '  a: override',
    'data:',
    '  <<: *other',
    '  "<<": quoted',
    '',
  ].join('\n'),
  aliases: [
    'apiVersion: v1',
    'kind: Pod',
    'metadata: {name: p, labels: &l {app: a}}',
    'spec:',
    '  containers:',
    '    - &c',
    '      name: a',
    '      image: nginx',
    '    - *c',
    '  nodeSelector: *l',
    '',
  ].join('\n'),
  empties: [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name:',
    '  labels:',
    'spec:',
    '  containers:',
    '    -',
    '    - name:',
    '      image: ""',
    '    - ',
    '  volumes: []',
    '',
  ].join('\n'),
  list: [
    'apiVersion: v1',
    'kind: List',
    'items:',
    '  - {apiVersion: v1, kind: ConfigMap, metadata: {name: a}, data: {k: "v", n: 0755, y: yes}}',
    '  - apiVersion: v1',
    '    kind: Secret',
    '    metadata:',
    '      name: b',
    '    stringData:',
    '      key: |',
    '        text',
    '---',
    '# a second document',
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata: {name: "d", namespace: \'n\'}',
    'spec: {replicas: 01, template: {spec: {containers: [{name: c, image: i, ports: [{containerPort: 80}]}]}}}',
    '',
  ].join('\n'),
  crlfAndUnicode: 'apiVersion: v1\r\nkind: ConfigMap\r\nmetadata:\r\n  name: "é😀"\r\ndata:\r\n  "ключ": значение\r\n',
};

describe('position tree ≡ the Document walk', () => {
  for (const [name, text] of Object.entries(EDGE_CASES)) {
    it(name, () => {
      expect(parseText(text, 'f.yaml').manifests.length).toBeGreaterThan(0);
      expect(differences(text)).toEqual([]);
    });
  }

  it('a missing path points at the deepest node that exists, an empty value at its key', () => {
    const [m] = parseText(EDGE_CASES.empties!, 'f.yaml').manifests as [Manifest];
    expect(m.locate(['metadata', 'name'])).toEqual({ line: 4, column: 3, endLine: 4, endColumn: 7 });
    expect(m.locate(['spec', 'containers', 0])).toEqual({ line: 8, column: 5, endLine: 8, endColumn: 6 });
    expect(m.locate(['spec', 'volumes', 3, 'name'])).toEqual({ line: 12, column: 12, endLine: 12, endColumn: 14 });
  });

  const root = corpusRoot();
  it.skipIf(!existsSync(root))('every path of every corpus file', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir).sort()) {
        const full = path.join(dir, name);
        if (statSync(full).isDirectory()) walk(full);
        else if (/\.(ya?ml|json)$/.test(name)) files.push(full);
      }
    };
    walk(root);
    expect(files.length).toBeGreaterThan(500);
    const diffs = files.flatMap((f) => differences(readFileSync(f, 'utf8'), path.relative(root, f)));
    expect(diffs.slice(0, 20)).toEqual([]);
  });
});
