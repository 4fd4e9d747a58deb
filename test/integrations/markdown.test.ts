/** The Markdown report (`--format markdown`, the Action's job summary) and the JUnit report (`--format junit`). */
import { describe, expect, it } from 'vitest';
import { check, lintText } from '../../src/api/index.js';
import type { Finding } from '../../src/core/types.js';
import { renderJunit } from '../../src/output/junit.js';
import { escapeMarkdown, markdownReport } from '../../src/output/markdown.js';
import type { Report } from '../../src/output/report.js';
import { FORMATS } from '../../src/output/index.js';

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: 'latest-tag',
  severity: 'warning',
  message: 'm',
  file: 'k8s/a.yaml',
  line: 1,
  column: 1,
  endLine: 1,
  endColumn: 2,
  ...over,
});
const report = (findings: Finding[]): Report => ({
  findings,
  manifests: [],
  files: ['k8s/a.yaml'],
  sources: new Map(),
});

describe('markdown report', () => {
  it('is a --format', () => {
    expect(FORMATS).toContain('markdown');
    expect(FORMATS).toContain('junit');
  });

  it('verdict and counts come first; rules are ordered by severity, then count', () => {
    const md = markdownReport(
      report([
        finding({ ruleId: 'latest-tag', line: 3 }),
        finding({ ruleId: 'latest-tag', line: 9, file: 'k8s/b.yaml' }),
        finding({ ruleId: 'run-as-non-root', line: 4 }),
        finding({ ruleId: 'schema/type', severity: 'error', line: 7 }),
      ]),
      { title: 'kubeplan lint' },
    );
    const lines = md.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '## kubeplan lint',
      '',
      '❌ **1 error** in 1 file',
      '',
      '- 1 error · 3 warnings · 0 info',
      '- 1 file, 0 objects read',
    ]);
    const rules = lines.filter((l) => /^\| (❌|⚠️|ℹ️) \| \[/.test(l)).map((l) => /\[([^\]]+)\]/.exec(l)![1]);
    expect(rules).toEqual(['schema/type', 'latest-tag', 'run-as-non-root']);
    expect(md).toContain(
      '| ⚠️ | [latest-tag](https://github.com/kubeplan/kubeplan/blob/main/docs/rules/latest-tag.md) | 2 | 2 |',
    );
  });

  it('lists the top 20 findings, errors first, with links when a link base is given', () => {
    const many = Array.from({ length: 30 }, (_, i) => finding({ line: i + 1 }));
    const md = markdownReport(report([...many, finding({ severity: 'error', ruleId: 'schema/type', line: 50 })]), {
      linkBase: 'https://github.com/o/r/blob/abc/',
    });
    expect(md).toContain('### Top 20 of 31 findings');
    const rows = md.split('\n').filter((l) => l.startsWith('| ❌ | [k8s') || l.startsWith('| ⚠️ | [k8s'));
    expect(rows).toHaveLength(20);
    expect(rows[0]).toBe(
      '| ❌ | [k8s/a.yaml:50](https://github.com/o/r/blob/abc/k8s/a.yaml#L50) | `schema/type` | m |',
    );
    expect(markdownReport(report(many))).toContain('| ⚠️ | k8s/a.yaml:1 | `latest-tag` | m |');
  });

  it('escapes what comes from manifests: no HTML, no table breaks, no links, no line breaks', () => {
    expect(escapeMarkdown('a|b <img src=x> [x](http://e.vil) *y*\nz')).toBe(
      'a\\|b &lt;img src=x&gt; \\[x\\](http:&#47;&#47;e.vil) \\*y\\* z',
    );
    const md = markdownReport(report([finding({ message: 'image "a|b<script>"', file: 'k8s/x|y.yaml' })]));
    expect(md).toContain('| ⚠️ | k8s/x\\|y.yaml:1 | `latest-tag` | image "a\\|b&lt;script&gt;" |');
    expect(md).not.toContain('<script>');
  });

  it('stays within the byte budget and says where it was cut, closing what it opened', () => {
    const deployments = Array.from(
      { length: 300 },
      (_, i) =>
        `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d${i}}\nspec:\n  replicas: 2\n  selector: {matchLabels: {app: d${i}}}\n  template:\n    metadata: {labels: {app: d${i}}}\n    spec: {containers: [{name: c, image: "nginx:1.27"}]}\n`,
    ).join('---\n');
    const dir = process.cwd();
    const result = check(['-'], { cwd: dir, stdin: deployments, stdinFilename: 'k8s/all.yaml' });
    const full = markdownReport(result, { maxBytes: 10_000_000 });
    expect(Buffer.byteLength(full)).toBeGreaterThan(20_000);
    expect(full).not.toContain('cut here');
    const cut = markdownReport(result, { maxBytes: 20_000 });
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(20_000);
    expect(cut).toContain('_… cut here: the summary is limited to 1 MiB.');
    expect(cut.match(/<details/g)?.length).toBe(cut.match(/<\/details>/g)?.length);
    // What fits comes first: the verdict and the findings tables are all there.
    expect(cut.startsWith(full.slice(0, full.indexOf('<details')))).toBe(true);
  });
});

describe('junit report', () => {
  const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: "x"
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: "nginx:1.27"}]}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: "cfg"}
data: {a: "<&>"}
`;

  it('one testsuite per file, one testcase per object; errors are failures, warnings system-out', () => {
    const xml = renderJunit(lintText(text, 'k8s/app.yaml'));
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="kubeplan" tests="2" failures="1" errors="0">',
      ),
    ).toBe(true);
    expect(xml).toContain('<testsuite name="k8s/app.yaml" tests="2" failures="1" errors="0" skipped="0">');
    expect(xml).toContain('<testcase classname="k8s/app.yaml" name="ConfigMap cfg"/>');
    const web = /<testcase classname="k8s\/app.yaml" name="Deployment web">([\s\S]*?)<\/testcase>/.exec(xml)![1]!;
    expect(web).toContain(
      '<failure message="spec.replicas: expected integer, got string &quot;x&quot;" type="schema/type">',
    );
    expect(web).toMatch(/<system-out>k8s\/app\.yaml:9:25 warning .*\nk8s\/app\.yaml:9:25 warning /);
  });

  it('a file with a YAML error has a "(file)" case; XML special and invalid characters are escaped', () => {
    const xml = renderJunit(lintText('a: [\n\u0001', 'k8s/<bad>.yaml'));
    expect(xml).toContain('<testsuite name="k8s/&lt;bad&gt;.yaml" tests="1" failures="1"');
    expect(xml).toContain('name="(file)"');
    expect(xml).not.toMatch(/[\u0000-\u0008]/);
  });
});
