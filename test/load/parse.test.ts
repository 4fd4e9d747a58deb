import { describe, expect, it } from 'vitest';
import { loadText } from '../../src/load/index.js';

const brief = (text: string) => loadText(text, 'm.yaml').findings.map((f) => [f.ruleId, f.line, f.column]);

describe('loading YAML the way Kubernetes reads it', () => {
  it('reads YAML 1.1 scalars: yes/on are booleans, 0644 is octal', () => {
    const { manifests } = loadText(
      'apiVersion: v1\nkind: ConfigMap\ndata:\n  a: yes\n  b: on\n  c: 0644\n  d: "yes"\n',
      'm.yaml',
    );
    expect(manifests[0]!.object.data).toEqual({ a: true, b: true, c: 420, d: 'yes' });
  });

  it('resolves merge keys and locates merged fields at their source', () => {
    const text = [
      'base: &base',
      '  cpu: 100m',
      'apiVersion: v1',
      'kind: X',
      'spec:',
      '  <<: *base',
      '  memory: 1Gi',
      '',
    ].join('\n');
    const m = loadText(text, 'm.yaml').manifests[0]!;
    expect(m.object.spec).toEqual({ cpu: '100m', memory: '1Gi' });
    expect(m.locate(['spec', 'cpu'], 'key')).toMatchObject({ line: 2, column: 3 });
    expect(m.locate(['spec', 'memory'], 'value')).toMatchObject({ line: 7, column: 11 });
  });

  it('locates keys and values exactly, and falls back to the nearest existing ancestor', () => {
    const text =
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replica: 3\n  template:\n    spec:\n      containers:\n        - name: a\n          image: nginx\n';
    const m = loadText(text, 'm.yaml').manifests[0]!;
    expect(m.locate(['spec', 'replica'], 'key')).toEqual({ line: 6, column: 3, endLine: 6, endColumn: 10 });
    expect(m.locate(['spec', 'template', 'spec', 'containers', 0, 'image'])).toEqual({
      line: 11,
      column: 18,
      endLine: 11,
      endColumn: 23,
    });
    expect(m.locate(['spec', 'template', 'spec', 'containers', 0, 'resources'])).toMatchObject({
      line: 10,
      column: 11,
    });
    expect(m.scalarSource(['spec', 'replica'])).toEqual({ text: '3', plain: true });
  });

  it('splits multi-document files; a broken document does not stop the others', () => {
    const text = 'apiVersion: v1\nkind: A\n---\nfoo: [1, 2\nbar: 3\n---\napiVersion: v1\nkind: B\n';
    const r = loadText(text, 'm.yaml');
    expect(r.manifests.map((m) => m.ref.kind)).toEqual(['A', 'B']);
    expect(r.manifests[1]!.docIndex).toBe(2);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['yaml/syntax']);
    expect(r.findings[0]!.line).toBeGreaterThanOrEqual(4);
    expect(r.findings[0]!.line).toBeLessThanOrEqual(5);
  });

  it('expands List kinds with item positions', () => {
    const text =
      'apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: ConfigMap\n    metadata: {name: a}\n  - apiVersion: v1\n    kind: Secret\n    metadata: {name: b}\n';
    const r = loadText(text, 'm.yaml');
    expect(r.manifests.map((m) => [m.ref.kind, m.ref.name, m.itemIndex])).toEqual([
      ['ConfigMap', 'a', 0],
      ['Secret', 'b', 1],
    ]);
    expect(r.manifests[1]!.locate(['metadata', 'name'])).toMatchObject({ line: 9, column: 22 });
  });

  it('reports duplicate keys at the second key and keeps checking the document', () => {
    const r = loadText('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n', 'm.yaml');
    expect(brief('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\n')).toEqual([
      ['yaml/duplicate-key', 5, 3],
    ]);
    expect(r.findings[0]!.message).toBe(
      'duplicate key: "name" is already defined in this mapping (the API server rejects duplicate fields)',
    );
    expect(r.manifests).toHaveLength(1);
  });

  it('reports an unrendered Helm template once, not a cascade', () => {
    const text =
      'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n  labels:\n    {{- include "x.labels" . | nindent 4 }}\n';
    expect(brief(text)).toEqual([['input/unrendered-template', 4, 9]]);
  });

  it('keeps template-looking strings that are plain data (Prometheus rules in a ConfigMap)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\ndata:\n  rule: "{{ $labels.instance }} is down"\n';
    expect(brief(text)).toEqual([]);
  });

  it('Go-template text in string values of valid YAML is data: the document is checked, not skipped', () => {
    // kube-prometheus PrometheusRule: Helm-looking `{{ with … }}`/`{{- end }}` inside an annotation string.
    const rule =
      'apiVersion: monitoring.coreos.com/v1\nkind: PrometheusRule\nmetadata: {name: r}\nspec:\n  groups:\n  - name: g\n    rules:\n    - alert: A\n      annotations:\n        description: On {{ $labels.pvc }} {{ with $labels.cluster -}} on Cluster {{ . }} {{- end }} is full.\n';
    expect(brief(rule)).toEqual([]);
    expect(loadText(rule, 'm.yaml').manifests).toHaveLength(1);
    // An Alertmanager template in a ConfigMap: `{{ define }}` in a block scalar; and template text in a comment.
    const cm =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t} # {{ .Values.name }}\ndata:\n  t.tmpl: |\n    {{ define "slack.title" }}{{ .Status }}{{ end }}\n    {{ template "x" . }}\n';
    expect(brief(cm)).toEqual([]);
    expect(loadText(cm, 'm.yaml').manifests).toHaveLength(1);
  });

  it('template text in key position of valid YAML is an unrendered template (the document is skipped and says so)', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: t}\ndata:\n  "{{ .Values.key }}": x\n';
    expect(brief(text)).toEqual([['input/unrendered-template', 5, 4]]);
    const r = loadText(text, 'm.yaml');
    expect(r.manifests).toHaveLength(0);
    expect(r.findings[0]!.message).toMatch(/this document is skipped/);
  });

  it('rejects documents that are not mappings', () => {
    expect(brief('- a\n- b\n')).toEqual([['input/not-an-object', 1, 1]]);
    expect(brief('just a string\n')).toEqual([['input/not-an-object', 1, 1]]);
  });

  it('reports empty files as info and skips empty documents silently', () => {
    expect(loadText('', 'm.yaml').findings.map((f) => [f.ruleId, f.severity])).toEqual([['input/empty', 'info']]);
    expect(brief('# only a comment\n')).toEqual([['input/empty', 1, 1]]);
    expect(brief('---\n---\napiVersion: v1\nkind: A\n---\n')).toEqual([]);
  });

  it('caps alias expansion (billion laughs) with a finding', () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const prev = String.fromCharCode(96 + i);
      const cur = String.fromCharCode(97 + i);
      lines.push(
        `${cur}: &${cur} [${Array(9)
          .fill('*' + prev)
          .join(',')}]`,
      );
    }
    // at the alias that takes the expanded content past 1 MiB: the 4th *e on line 6 (see test/hostile/yaml.test.ts)
    expect(brief(lines.join('\n') + '\n')).toEqual([['input/alias-limit', 6, 17]]);
  });

  it('refuses nesting deeper than the limit', () => {
    const deep = 'a: ' + '['.repeat(1000) + ']'.repeat(1000) + '\n';
    expect(brief(deep)[0]?.slice(0, 2)).toEqual(['input/too-deep', 1]);
  });
});
