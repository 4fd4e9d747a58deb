/**
 * Manifest.locate / scalarSource read a plain position tree (src/load/positions.ts) instead of keeping yaml's Document.
 * The tree must answer exactly as the Document walk it replaced (DocumentSourceMap): compared here on every path of
 * hand-written edge cases (merge keys, aliases, empty values and items, flow collections, Lists) and of every file
 * in the shared corpus (when present), including paths that do not exist.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../scripts/corpus.mjs';
import type { Manifest } from '../../src/core/types.js';
import { documentSourceMaps, parseText } from '../../src/load/parse.js';
import type { DocumentSourceMap } from '../../src/load/source-map.js';
import { pathsOf, yamlFilesUnder } from './walk.js';

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
    const files = yamlFilesUnder(root);
    expect(files.length).toBeGreaterThan(500);
    const diffs = files.flatMap((f) => differences(readFileSync(f, 'utf8'), path.relative(root, f)));
    expect(diffs.slice(0, 20)).toEqual([]);
  });
});
