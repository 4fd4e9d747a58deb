/**
 * YAML 1.1 scalars as Kubernetes reads them (sigs.k8s.io/yaml → go-yaml v2 `resolve()`):
 * the "Norway" booleans, octal, base 60, timestamps, underscores, special floats, and `on:` as a key.
 */
import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/index.js';

/** What the API server receives for `value` written as a plain scalar. */
function kubernetesValue(value: string): unknown {
  const r = loadText(`apiVersion: v1\nkind: ConfigMap\nmetadata: {name: s}\ndata:\n  v: ${value}\n`, 's.yaml');
  expect(r.findings).toEqual([]);
  return (r.manifests[0]!.object.data as { v: unknown }).v;
}

const TRUE = ['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON'];
const FALSE = ['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF'];
const NULL = ['~', 'null', 'Null', 'NULL'];
const STRINGS = [
  'yES',
  'nO',
  'oN',
  'oFF',
  'tRUE',
  'Norway',
  'NO_PROXY',
  'nULL',
  '1:20',
  '190:20:30',
  '1:20.5',
  '2024-01-01',
  '2001-12-14t21:59:43.10-05:00',
  '.iNf',
  '0x',
  '1e',
  '1.5.5',
  '_1',
  '+',
  '.5_0',
  '0x1g',
];

describe('the Norway set and friends, as go-yaml v2 reads them', () => {
  it.each(TRUE)('%s is the boolean true', (v) => expect(kubernetesValue(v)).toBe(true));
  it.each(FALSE)('%s is the boolean false', (v) => expect(kubernetesValue(v)).toBe(false));
  it.each(NULL)('%s is null', (v) => expect(kubernetesValue(v)).toBeNull());
  it.each(STRINGS)('%s stays a string (base 60, timestamps and near-misses are not numbers in go-yaml v2)', (v) =>
    expect(kubernetesValue(v)).toBe(v),
  );

  it.each([
    ['0755', 493],
    ['0644', 420],
    ['0o755', 493],
    ['0O17', 15],
    ['012_3', 83],
    ['08', 8],
    ['0x1F', 31],
    ['0X1f', 31],
    ['0x_1F', 31],
    ['0b101', 5],
    ['-0b101', -5],
    ['0B11', 3],
    ['1_000', 1000],
    ['1__0', 10],
    ['+12', 12],
    ['-12', -12],
    ['0', 0],
    ['1e3', 1000],
    ['1E+3', 1000],
    ['1.', 1],
    ['.5', 0.5],
    ['+.5', 0.5],
    ['-.5e2', -50],
    ['1_2.5', 12.5],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['+.INF', Infinity],
  ])('%s is the number %d', (v, n) => expect(kubernetesValue(v)).toBe(n));

  it('.nan and its spellings are NaN', () => {
    for (const v of ['.nan', '.NaN', '.NAN']) expect(kubernetesValue(v)).toBeNaN();
  });

  it('quoting keeps every one of them a string', () => {
    for (const v of [...TRUE, ...FALSE, ...NULL, '0755', '1:20', '1e3']) {
      expect(kubernetesValue(`"${v}"`)).toBe(v);
      expect(kubernetesValue(`'${v}'`)).toBe(v);
    }
  });

  it('in labels, annotations, env values, ConfigMap data and nodeSelector the same resolution applies, and the source is kept', () => {
    const text = [
      'apiVersion: apps/v1',
      'kind: Deployment',
      'metadata:',
      '  name: norway',
      '  labels: {country: NO, mode: 0755}',
      '  annotations: {enabled: on, at: 12:30}',
      'spec:',
      '  template:',
      '    spec:',
      '      nodeSelector: {gpu: yes}',
      '      containers:',
      '      - name: a',
      '        env: [{name: DEBUG, value: off}, {name: UMASK, value: 022}]',
    ].join('\n');
    const m = loadText(text, 'n.yaml').manifests[0]!;
    const meta = m.object.metadata as Record<string, Record<string, unknown>>;
    expect(meta.labels).toEqual({ country: false, mode: 493 });
    expect(meta.annotations).toEqual({ enabled: true, at: '12:30' });
    const spec = (m.object.spec as { template: { spec: Record<string, unknown> } }).template.spec;
    expect(spec.nodeSelector).toEqual({ gpu: true });
    expect((spec.containers as Array<{ env: unknown }>)[0]!.env).toEqual([
      { name: 'DEBUG', value: false },
      { name: 'UMASK', value: 18 },
    ]);
    // the rules explain the surprise from the source text
    expect(m.scalarSource(['metadata', 'labels', 'country'])).toEqual({ text: 'NO', plain: true });
    expect(m.scalarSource(['spec', 'template', 'spec', 'containers', 0, 'env', 1, 'value'])).toEqual({
      text: '022',
      plain: true,
    });
    expect(m.locate(['metadata', 'labels', 'country'])).toMatchObject({ line: 5, column: 21 });
  });

  it('`on:`, `yes:` and `y:` as keys become the key "true" (and collide)', () => {
    const r = loadText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k}\ndata:\n  on: a\n  n: b\n', 'k.yaml');
    expect(r.manifests[0]!.object.data).toEqual({ true: 'a', false: 'b' });
    const dup = loadText('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: k}\ndata:\n  on: a\n  y: b\n', 'k.yaml');
    expect(dup.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['yaml/duplicate-key', 6, 3]]);
  });

  it('a %YAML 1.2 directive is rejected as go-yaml v2 does; %YAML 1.1 is fine', () => {
    const r = loadText(
      '%YAML 1.2\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata: {a: yes}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: e}\n',
      'd.yaml',
    );
    expect(r.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['yaml/syntax', 1, 1]]);
    expect(r.findings[0]!.message).toContain('found incompatible YAML document');
    // Kubernetes cuts the file at `---` lines first: the directive fails on its own, the documents after it are read as YAML 1.1
    expect(r.manifests.map((m) => m.ref.name)).toEqual(['d', 'e']);
    expect((r.manifests[0]!.object.data as { a: unknown }).a).toBe(true);
    // a directive in the same chunk as its document takes the document down with it
    const same = loadText(
      '%YAML 1.2\n--- {apiVersion: v1, kind: ConfigMap, metadata: {name: d}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: e}\n',
      'd.yaml',
    );
    expect(same.findings.map((f) => [f.ruleId, f.line, f.column])).toEqual([['yaml/syntax', 1, 1]]);
    expect(same.manifests.map((m) => m.ref.name)).toEqual(['e']);
    const ok = loadText(
      '%YAML 1.1\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\ndata: {a: yes}\n',
      'd.yaml',
    );
    expect(ok.findings).toEqual([]);
    expect((ok.manifests[0]!.object.data as { a: unknown }).a).toBe(true);
  });
});
