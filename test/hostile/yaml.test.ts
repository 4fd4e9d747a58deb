/**
 * Hostile YAML: each case sits between two good documents in the same file (see `sandwich`), asserts the exact
 * loader finding (rule id, line, column relative to the hostile text) and that both neighbours were still read.
 */
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { HANG_GUARD, loaderFindings, sandwich } from './helpers.js';

describe('hostile YAML syntax', () => {
  it('truncated documents: an unclosed quote, flow sequence and flow map', { timeout: HANG_GUARD }, () => {
    expect(sandwich('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: "abc').findings).toEqual([
      ['yaml/syntax', 4, 12],
    ]);
    expect(
      sandwich('apiVersion: v1\nkind: ConfigMap\ndata: [a, b').findings.map(([id, line]) => [id, line]),
    ).toContainEqual(['yaml/syntax', 3]);
    expect(
      sandwich('apiVersion: v1\nkind: ConfigMap\ndata: {a: b').findings.map(([id, line]) => [id, line]),
    ).toContainEqual(['yaml/syntax', 3]);
    // truncated mid-key at the very end of the file
    const end = lintText(
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: v1\nkind: ConfigMap\nmeta',
      'e.yaml',
    );
    expect(end.manifests.map((m) => m.ref.name)).toEqual(['a']);
    expect(loaderFindings(end.findings)).toEqual([['yaml/syntax', 8, 1]]);
  });

  it('tabs used for indentation', { timeout: HANG_GUARD }, () => {
    expect(sandwich('apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: a').findings).toEqual([['yaml/syntax', 4, 1]]);
  });

  it('mixed --- and ... markers split documents as kubectl does', { timeout: HANG_GUARD }, () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n...\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b}\n...\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n';
    const r = lintText(text, 'm.yaml');
    expect(r.manifests.map((m) => [m.ref.name, m.docIndex])).toEqual([
      ['a', 0],
      ['b', 1],
      ['c', 2],
    ]);
    expect(loaderFindings(r.findings)).toEqual([]);
  });

  it('a 1,025-character implicit key', { timeout: HANG_GUARD }, () => {
    expect(sandwich(`apiVersion: v1\nkind: ConfigMap\ndata:\n  ${'k'.repeat(1025)}: v`).findings).toEqual([
      ['yaml/syntax', 4, 3],
    ]);
    // 1,024 is still fine
    expect(sandwich(`apiVersion: v1\nkind: ConfigMap\ndata:\n  ${'k'.repeat(1020)}: v`).findings).toEqual([]);
  });

  it('long lines: a 1 MB plain scalar on one line is read', { timeout: HANG_GUARD }, () => {
    const { findings, result } = sandwich(
      `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: long}\ndata:\n  k: ${'x'.repeat(1024 * 1024)}`,
    );
    expect(findings).toEqual([]);
    expect((result.manifests[1]!.object.data as { k: string }).k).toHaveLength(1024 * 1024);
  });

  it('duplicate keys at the top level, in labels and in a flow map, at the second key', { timeout: HANG_GUARD }, () => {
    expect(sandwich('apiVersion: v1\nkind: ConfigMap\nkind: Secret\nmetadata: {name: a}').findings).toEqual([
      ['yaml/duplicate-key', 3, 1],
    ]);
    expect(
      sandwich('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  labels:\n    app: x\n    app: y').findings,
    ).toEqual([['yaml/duplicate-key', 7, 5]]);
    expect(
      sandwich('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, labels: {app: x, "app": y}}').findings,
    ).toEqual([['yaml/duplicate-key', 3, 38]]);
    // on/true/yes are the same key once YAML 1.1 has read them
    expect(sandwich('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata:\n  on: a\n  yes: b').findings).toEqual(
      [['yaml/duplicate-key', 6, 3]],
    );
  });

  it('non-string keys: numbers and booleans become strings, collections are reported', { timeout: HANG_GUARD }, () => {
    const { findings, result } = sandwich(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: keys}\ndata:\n  1: a\n  1.5: b\n  true: c\n  ? [x]\n  : d\n  ? {y: 1}\n  : e',
    );
    expect(findings).toEqual([
      ['yaml/complex-key', 8, 5],
      ['yaml/complex-key', 10, 5],
    ]);
    expect(Object.keys(result.manifests[1]!.object.data as object).sort()).toEqual([
      '1',
      '1.5',
      '[ x ]',
      'true',
      '{ y: 1 }',
    ]);
  });

  it('merge keys (<<) are resolved, also from a list of maps; later keys win', { timeout: HANG_GUARD }, () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: merged\n  labels: &l {app: a, tier: web}\n  annotations:\n    <<: [*l, {extra: "1"}]\n    app: override';
    const { findings, result } = sandwich(text);
    expect(findings).toEqual([]);
    expect(result.manifests[1]!.object.metadata).toMatchObject({
      annotations: { app: 'override', tier: 'web', extra: '1' },
    });
  });

  it('custom and non-JSON tags never leak Date, Map, Set or bytes into the object', { timeout: HANG_GUARD }, () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tags}\ndata:\n  a: !foo bar\n  b: 2024-01-01\n  c: !!binary aGVsbG8=\n  d: !!timestamp 2001-12-14t21:59:43.10-05:00\n  e: !!set {x}\n  f: !!omap [g: 1]';
    const { findings, result } = sandwich(text);
    expect(findings).toEqual([]);
    const data = result.manifests[1]!.object.data as Record<string, unknown>;
    expect(data).toEqual({
      a: 'bar',
      b: '2024-01-01',
      c: 'hello',
      d: '2001-12-14t21:59:43.10-05:00',
      e: { x: null },
      f: [{ g: 1 }],
    });
    expect(JSON.parse(JSON.stringify(result.manifests[1]!.object))).toEqual(result.manifests[1]!.object);
  });

  it(
    'empty files, comment-only files, a lone ---, documents that are null, scalars or sequences',
    { timeout: HANG_GUARD },
    () => {
      const brief = (text: string) => loaderFindings(lintText(text, 'e.yaml').findings);
      expect(brief('')).toEqual([['input/empty', 1, 1]]);
      expect(brief('# only\n# comments\n')).toEqual([['input/empty', 1, 1]]);
      expect(brief('---\n')).toEqual([['input/empty', 1, 1]]);
      expect(brief('---\n---\n...\n')).toEqual([['input/empty', 1, 1]]);
      expect(sandwich('null').findings).toEqual([]);
      expect(sandwich('~').findings).toEqual([]);
      expect(sandwich('- a\n- b').findings).toEqual([['input/not-an-object', 1, 1]]);
      expect(sandwich('42').findings).toEqual([['input/not-an-object', 1, 1]]);
      expect(sandwich('"just a string"').findings).toEqual([['input/not-an-object', 1, 1]]);
      expect(
        sandwich(
          'apiVersion: v1\nkind: List\nitems:\n- null\n- 3\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: item}',
        ).findings,
      ).toEqual([
        ['input/not-an-object', 4, 3],
        ['input/not-an-object', 5, 3],
      ]);
    },
  );

  it(
    'mustache/Jinja-style {{name}} in YAML structure is an unrendered template; in strings it is data',
    { timeout: HANG_GUARD },
    () => {
      expect(
        sandwich('apiVersion: v1\nkind: Service\nmetadata:\n  name: etcd\n  labels:\n    cell: {{cell}}').findings,
      ).toEqual([['input/unrendered-template', 6, 11]]);
      const argo = sandwich(
        'apiVersion: argoproj.io/v1alpha1\nkind: Workflow\nmetadata: {name: w}\nspec:\n  templates:\n  - name: t\n    container: {image: "a:{{inputs.parameters.tag}}", args: ["{{inputs.parameters.message}}"]}',
      );
      expect(argo.findings).toEqual([]);
      expect(JSON.stringify(argo.result.manifests[1]!.object)).toContain('{{inputs.parameters.message}}');
    },
  );

  it('unrendered templates are one finding, not a cascade', { timeout: HANG_GUARD }, () => {
    expect(
      sandwich(
        'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Values.name }}\n{{- if .Values.x }}\ndata: {}\n{{- end }}',
      ).findings,
    ).toEqual([['input/unrendered-template', 4, 9]]);
  });
});

describe('hostile YAML structure: aliases', () => {
  const laughs = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: {name: lol}',
    'data:',
    '  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
    '  b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
    '  c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
    '  d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
    '  e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    '  f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
    '  g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]',
    '  h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]',
    '  i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]',
  ].join('\n');

  it('billion laughs (9 levels × 9 aliases) hits the alias budget', { timeout: HANG_GUARD }, () => {
    // Caught by the size budget before the count one: a is 37 bytes expanded (9 × "lol" + 1 per node), each level
    // 9 × the last + 1; the aliases add 333 + 3,006 + 27,063 + 243,576 through e, and the 4th *e of f passes 1 MiB.
    expect(sandwich(laughs).findings).toEqual([['input/alias-limit', 10, 19]]);
  });

  it('quadratic blow-up: 100 aliases to a 100-item list', { timeout: HANG_GUARD }, () => {
    const quad = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: q}\nitems: &a [${Array(100).fill('x').join(',')}]\ndata: [${Array(100).fill('*a').join(',')}]`;
    expect(sandwich(quad).findings).toEqual([['input/alias-limit', 1, 1]]);
  });

  it('a few aliases are fine', { timeout: HANG_GUARD }, () => {
    const { findings, result } = sandwich(
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: few, labels: &l {app: x}}\nspec:\n  selector: *l\n  other: *l',
    );
    expect(findings).toEqual([]);
    expect(result.manifests[1]!.object.spec).toEqual({ selector: { app: 'x' }, other: { app: 'x' } });
  });

  it('alias cycles are reported at the alias, not followed', { timeout: HANG_GUARD }, () => {
    expect(sandwich('apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  name: *m').findings).toEqual([
      ['yaml/alias-cycle', 4, 9],
    ]);
    expect(sandwich('apiVersion: v1\nkind: ConfigMap\ndata: &d [[*d]]').findings).toEqual([
      ['yaml/alias-cycle', 3, 12],
    ]);
    expect(sandwich('apiVersion: v1\nkind: ConfigMap\nmetadata: &m\n  labels:\n    <<: *m').findings).toEqual([
      ['yaml/alias-cycle', 5, 9],
    ]);
  });

  it('an alias to an undefined anchor', { timeout: HANG_GUARD }, () => {
    expect(sandwich('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: *nope}').findings).toEqual([
      ['yaml/syntax', 3, 18],
    ]);
  });

  it('aliases that stack shallow anchors into a deep value hit the depth limit', { timeout: HANG_GUARD }, () => {
    let chain = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: chain}\ndata:';
    for (let i = 0; i < 5; i++)
      chain += `\n  a${i}: &a${i} ${'['.repeat(150)}${i ? `*a${i - 1}` : '1'}${']'.repeat(150)}`;
    expect(sandwich(chain).findings).toEqual([['input/too-deep', 1, 1]]);
    expect(sandwich(chain).result.findings.find((f) => f.ruleId === 'input/too-deep')!.message).toContain(
      'once its aliases are expanded',
    );
  });
});
