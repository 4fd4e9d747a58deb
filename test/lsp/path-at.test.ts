import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/types.js';
import { parseText } from '../../src/load/parse.js';

/** pathAt at the `nth` occurrence of `needle`, `delta` characters into it (1-based line/column from the text). */
function at(manifests: Manifest[], text: string, needle: string, delta = 0, nth = 0) {
  let offset = -1;
  for (let i = 0; i <= nth; i++) offset = text.indexOf(needle, offset + 1);
  expect(offset, needle).toBeGreaterThanOrEqual(0);
  offset += delta;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  for (const m of manifests) {
    const hit = m.pathAt?.(line, column);
    if (hit) return { ...hit, docIndex: m.docIndex, itemIndex: m.itemIndex };
  }
  return undefined;
}

describe('Manifest.pathAt (source map: position → JSON path)', () => {
  it('block style: keys, values, nested sequences, the `:` and a sequence `-`', () => {
    const text =
      'kind: Pod\nspec:\n  containers:\n  - name: a\n    args:\n      - "x"\n      - |\n        multi\n        line\n';
    const { manifests } = parseText(text, 'f.yaml');
    const p = (needle: string, delta = 0, nth = 0) => at(manifests, text, needle, delta, nth);
    expect(p('kind')).toMatchObject({ path: ['kind'], onKey: true });
    expect(p('Pod', 2)).toMatchObject({ path: ['kind'], onKey: false });
    expect(p('spec:', 4)).toMatchObject({ path: ['spec'], onKey: true }); // the colon
    expect(p('containers', 3)).toMatchObject({ path: ['spec', 'containers'], onKey: true });
    expect(p('name')).toMatchObject({ path: ['spec', 'containers', 0, 'name'], onKey: true });
    expect(p('- name')).toMatchObject({ path: ['spec', 'containers', 0], onKey: false }); // the `-` introduces the item
    expect(p('"x"')).toMatchObject({ path: ['spec', 'containers', 0, 'args', 0], onKey: false }); // the quote
    expect(p('line', 2)).toMatchObject({ path: ['spec', 'containers', 0, 'args', 1], onKey: false }); // inside a block scalar
    expect(p('  containers', 0)).toBeUndefined(); // indentation
  });

  it('flow style: mappings and sequences, brackets and commas belong to the collection', () => {
    const text = 'kind: Pod\nspec: {containers: [{name: a, ports: [{containerPort: 80}, {containerPort: 81}]}]}\n';
    const { manifests } = parseText(text, 'f.yaml');
    const p = (needle: string, delta = 0, nth = 0) => at(manifests, text, needle, delta, nth);
    expect(p('containerPort', 3, 1)).toMatchObject({
      path: ['spec', 'containers', 0, 'ports', 1, 'containerPort'],
      onKey: true,
    });
    expect(p('81')).toMatchObject({ path: ['spec', 'containers', 0, 'ports', 1, 'containerPort'], onKey: false });
    expect(p('{containers')).toMatchObject({ path: ['spec'], onKey: false });
    expect(p('[{name')).toMatchObject({ path: ['spec', 'containers'], onKey: false });
    expect(p(', ports')).toMatchObject({ path: ['spec', 'containers', 0], onKey: false });
    expect(p('a,', 0)).toMatchObject({ path: ['spec', 'containers', 0, 'name'], onKey: false });
  });

  it('merge keys and aliases: the path of the node under the cursor', () => {
    const text = [
      'kind: Pod',
      'x-defaults: &defaults',
      '  image: nginx',
      'spec:',
      '  containers:',
      '  - <<: *defaults',
      '    name: a',
      '  - <<: [{image: busybox}, *defaults]',
      '    name: b',
      '    extra: {<<: {tty: true}}',
      '',
    ].join('\n');
    const { manifests } = parseText(text, 'f.yaml');
    expect(manifests).toHaveLength(1);
    const p = (needle: string, delta = 0, nth = 0) => at(manifests, text, needle, delta, nth);
    // In the anchored mapping: its own path, not the paths it is merged into.
    expect(p('image: nginx', 8)).toMatchObject({ path: ['x-defaults', 'image'], onKey: false });
    // On `<<` or the alias it merges: the mapping the fields are merged into.
    expect(p('<<', 0)).toMatchObject({ path: ['spec', 'containers', 0], onKey: false });
    expect(p('*defaults', 1)).toMatchObject({ path: ['spec', 'containers', 0], onKey: false });
    expect(p('*defaults', 1, 1)).toMatchObject({ path: ['spec', 'containers', 1], onKey: false });
    // An inline mapping in a merge: its fields are the enclosing mapping's.
    expect(p('image: busybox', 0)).toMatchObject({ path: ['spec', 'containers', 1, 'image'], onKey: true });
    expect(p('busybox', 0)).toMatchObject({ path: ['spec', 'containers', 1, 'image'], onKey: false });
    expect(p('tty', 0)).toMatchObject({ path: ['spec', 'containers', 1, 'extra', 'tty'], onKey: true });
    expect(p('name: b', 0)).toMatchObject({ path: ['spec', 'containers', 1, 'name'], onKey: true });
    // An alias used as a value is a leaf: the path of the field holding it.
    const aliased = 'kind: Pod\nx: &l {app: web}\nmetadata:\n  labels: *l\n';
    const m2 = parseText(aliased, 'g.yaml').manifests;
    expect(at(m2, aliased, '*l', 1)).toMatchObject({ path: ['metadata', 'labels'], onKey: false });
  });

  it('List items are relative to their object; the List and other documents are not part of it', () => {
    const text =
      'kind: ConfigMap\ndata: {a: b}\n---\nkind: List\nitems:\n- kind: Service\n  spec: {type: ClusterIP}\n- kind: Pod\n  spec: {}\n';
    const { manifests } = parseText(text, 'f.yaml');
    expect(manifests).toHaveLength(3);
    expect(at(manifests, text, 'ClusterIP')).toMatchObject({
      path: ['spec', 'type'],
      onKey: false,
      docIndex: 1,
      itemIndex: 0,
    });
    expect(at(manifests, text, 'kind: Pod')).toMatchObject({ path: ['kind'], onKey: true, itemIndex: 1 });
    expect(at(manifests, text, '- kind: Pod')).toMatchObject({ path: [], onKey: false, itemIndex: 1 });
    expect(at(manifests, text, 'a: b', 3)).toMatchObject({ path: ['data', 'a'], docIndex: 0 });
    expect(at(manifests, text, 'items')).toBeUndefined();
    expect(at(manifests, text, 'kind: List')).toBeUndefined();
    expect(at(manifests, text, '---')).toBeUndefined();
  });

  it('keys: quoted, YAML 1.1 booleans, numbers; comments and out-of-range positions give nothing', () => {
    const text = 'kind: ConfigMap # trailing\ndata:\n  "a b": x\n  yes: y\n  1: z\n# own line\n';
    const { manifests } = parseText(text, 'f.yaml');
    const m = manifests[0]!;
    expect(at(manifests, text, '"a b"')).toMatchObject({ path: ['data', 'a b'], onKey: true });
    expect(at(manifests, text, 'yes')).toMatchObject({ path: ['data', 'true'], onKey: true });
    expect(at(manifests, text, '1: z')).toMatchObject({ path: ['data', '1'], onKey: true });
    expect(at(manifests, text, 'trailing')).toBeUndefined();
    expect(at(manifests, text, 'own line')).toBeUndefined();
    expect(m.pathAt!(1, 100)).toBeUndefined(); // past the end of the line (not the next line)
    expect(m.pathAt!(0, 1)).toBeUndefined();
    expect(m.pathAt!(1, 0)).toBeUndefined();
    expect(m.pathAt!(99, 1)).toBeUndefined();
    expect(m.pathAt!(1.5, 1)).toBeUndefined();
    expect(m.pathAt!(Number.NaN, 1)).toBeUndefined();
  });

  it('CRLF line ends and non-ASCII keys (columns in UTF-16 code units)', () => {
    const text = 'kind: ConfigMap\r\ndata:\r\n  "😀": v\r\n  k: w\r\n';
    const { manifests } = parseText(text, 'f.yaml');
    expect(at(manifests, text, 'v\r')).toMatchObject({ path: ['data', '😀'], onKey: false });
    // `  "😀": v`: the 😀 takes columns 4-5 (two UTF-16 code units), so `v` is at column 9.
    expect(manifests[0]!.pathAt!(3, 5)).toMatchObject({ path: ['data', '😀'], onKey: true });
    expect(manifests[0]!.pathAt!(3, 9)).toMatchObject({ path: ['data', '😀'], onKey: false });
    expect(manifests[0]!.pathAt!(2, 6)).toBeUndefined(); // the \r
    expect(at(manifests, text, 'k: w', 3)).toMatchObject({ path: ['data', 'k'], onKey: false });
  });

  it('is iterative: a document nested as deep as the loader allows', () => {
    const depth = 90;
    let text = 'kind: ConfigMap\ndata:\n  x: ';
    text += '['.repeat(depth) + 'leaf' + ']'.repeat(depth) + '\n';
    const { manifests, findings } = parseText(text, 'f.yaml', {
      maxDepth: 200,
      maxDocuments: 10,
      maxAliasCount: 100,
      maxFileBytes: 1e6,
    } as never);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    const hit = at(manifests, text, 'leaf');
    expect(hit?.path).toEqual(['data', 'x', ...Array(depth).fill(0)]);
  });
});
