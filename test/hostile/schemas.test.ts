/**
 * Untrusted schemas (issue 16 item 1): a CRD's openAPIV3Schema or a --schema-dir file never changes how validation
 * runs. `$async` is removed (validation stays synchronous: the objects are still checked), references outside the
 * schema make it unusable, and objects whose schema cannot be used get "not validated: …" — never silence, never an
 * unhandled rejection. The CLI runs in a bounded child process (test/hostile/child.ts); the API (what the language
 * server calls) is checked in-process.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { CHILD_GUARD, expectFinished, runBounded } from './child.js';
import { HANG_GUARD, tree } from './helpers.js';

/** A CRD for example.com/v1 Widget whose openAPIV3Schema is `schema` (YAML flow text, indented under the key). */
function crd(schema: string): string {
  return [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    'metadata: {name: widgets.example.com}',
    'spec:',
    '  group: example.com',
    '  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}',
    '  scope: Namespaced',
    '  versions:',
    '  - name: v1',
    '    served: true',
    '    storage: true',
    '    schema:',
    `      openAPIV3Schema: ${schema}`,
    '',
  ].join('\n');
}
const BAD_WIDGET = 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: many, bogus: 1}\n';
const SPEC = '{type: object, properties: {size: {type: integer}}}';

/** [ruleId, severity, line] of the findings, sorted as reported. */
const brief = (findings: Array<{ ruleId: string; severity: string; line: number }>) =>
  findings.map((f) => [f.ruleId, f.severity, f.line]);

describe('$async in an untrusted schema', () => {
  it(
    'at the root and nested: removed with a note, and the custom resource is still validated (CLI, bounded child)',
    { timeout: CHILD_GUARD },
    () => {
      const dir = tree({
        'w.yaml': `${crd(`{$async: true, type: object, properties: {spec: {$async: true, type: object, properties: {size: {type: integer}}}}}`)}---\n${BAD_WIDGET}`,
      });
      for (const command of ['lint', 'check']) {
        const out = expectFinished(runBounded([command, 'w.yaml', '--format', 'json'], { cwd: dir }));
        const own = out.findings.filter((f) => /^schema\//.test(f.ruleId));
        expect(brief(own)).toEqual([
          ['schema/bad-schema', 'warning', 13],
          ['schema/unknown-field', 'error', 13], // the CRD itself: JSONSchemaProps has no $async
          ['schema/bad-schema', 'warning', 13],
          ['schema/unknown-field', 'error', 13],
          ['schema/type', 'error', 18],
          ['schema/unknown-field', 'error', 18],
        ]);
        expect(own[0]!.message).toBe('$async is ignored: a schema from the inputs cannot change how validation runs');
      }
    },
  );

  it(
    "through the API (the language server's path): findings, no promise, no rejection",
    { timeout: HANG_GUARD },
    () => {
      const r = lintText(
        `${crd(`{$async: true, type: object, properties: {spec: ${SPEC}}}`)}---\n${BAD_WIDGET}`,
        'w.yaml',
      );
      const widget = r.findings.filter((f) => f.line >= 15);
      expect(widget.map((f) => [f.ruleId, f.message])).toEqual([
        ['schema/type', 'spec.size: expected integer, got string "many"'],
        ['schema/unknown-field', 'spec.bogus: unknown field'],
      ]);
    },
  );
});

describe('references and dialect switches', () => {
  it(
    'a $ref outside the schema: a finding on the CRD at the $ref, "not validated" on each custom resource',
    { timeout: HANG_GUARD },
    () => {
      const text = `${crd(`{type: object, properties: {spec: {$ref: "https://example.com/evil.json"}}}`)}---\n${BAD_WIDGET}---\n${BAD_WIDGET.replace('name: w', 'name: v')}`;
      const r = lintText(text, 'w.yaml');
      const schema = r.findings.filter((f) => f.ruleId.startsWith('schema/'));
      expect(schema.map((f) => [f.ruleId, f.severity, f.line, f.column])).toEqual([
        ['schema/bad-schema', 'warning', 13, 59],
        ['schema/not-validated', 'warning', 16, 7],
        ['schema/not-validated', 'warning', 21, 7],
      ]);
      expect(schema[0]!.message).toBe(
        '$ref "https://example.com/evil.json" refers outside this schema (only "#/…" references within it are followed)',
      );
      expect(schema[1]!.message).toMatch(
        /^not validated: the schema of Widget v1 in its CustomResourceDefinition \(w\.yaml\) cannot be used: \$ref/,
      );
    },
  );

  it('local references still work; $id and $schema cannot redirect them', { timeout: HANG_GUARD }, () => {
    const text = `${crd(`{$schema: "http://json-schema.org/draft-04/schema#", $id: "https://evil/", type: object, definitions: {num: {$id: "https://other/", type: integer}}, properties: {spec: {type: object, properties: {size: {$ref: "#/definitions/num"}}}}}`)}---\n${BAD_WIDGET}`;
    const r = lintText(text, 'w.yaml');
    expect(r.findings.filter((f) => f.line >= 15).map((f) => [f.ruleId, f.message])).toEqual([
      ['schema/type', 'spec.size: expected integer, got string "many"'],
      ['schema/unknown-field', 'spec.bogus: unknown field'],
    ]);
  });

  it(
    'a schema that does not compile: the custom resources say "not validated" with the reason',
    { timeout: HANG_GUARD },
    () => {
      const r = lintText(
        `${crd(`{type: object, properties: {spec: {type: string, pattern: "(["}}}`)}---\n${BAD_WIDGET}`,
        'w.yaml',
      );
      const widget = r.findings.filter((f) => f.line >= 15);
      expect(widget.map((f) => [f.ruleId, f.severity, f.line, f.column])).toEqual([
        ['schema/not-validated', 'warning', 16, 7],
      ]);
      expect(widget[0]!.message).toMatch(
        /^not validated: its schema cannot be compiled \(.*(regular expression|regexp)/i,
      );
    },
  );
});

describe('--schema-dir schemas get the same treatment', () => {
  it(
    '$async removed (still validated), a remote $ref refused (not validated) — bounded child',
    { timeout: CHILD_GUARD },
    () => {
      const dir = tree({
        'w.yaml': `${BAD_WIDGET}---\napiVersion: example.com/v1\nkind: Gadget\nmetadata: {name: g}\nspec: 3\n`,
      });
      mkdirSync(path.join(dir, 'schemas'));
      writeFileSync(
        path.join(dir, 'schemas', 'widget-example-v1.json'),
        JSON.stringify({
          $async: true,
          type: 'object',
          properties: { spec: { type: 'object', properties: { size: { type: 'integer' } } } },
        }),
      );
      writeFileSync(
        path.join(dir, 'schemas', 'gadget-example-v1.json'),
        JSON.stringify({ type: 'object', properties: { spec: { $ref: 'file:///etc/passwd' } } }),
      );
      const out = expectFinished(
        runBounded(['lint', 'w.yaml', '--schema-dir', 'schemas', '--format', 'json'], { cwd: dir }),
      );
      expect(
        out.findings
          .filter((f) => f.ruleId.startsWith('schema/'))
          .map((f) => [f.ruleId, f.line, f.message.replace(/\S*schemas\//, 'schemas/')]),
      ).toEqual([
        [
          'schema/bad-schema',
          1,
          '--schema-dir schema schemas/widget-example-v1.json (at $async): $async is ignored: a schema from the inputs cannot change how validation runs',
        ],
        ['schema/type', 4, 'spec.size: expected integer, got string "many"'],
        [
          'schema/bad-schema',
          6,
          '--schema-dir schema schemas/gadget-example-v1.json (at properties.spec.$ref): $ref "file:///etc/passwd" refers outside this schema (only "#/…" references within it are followed)',
        ],
        [
          'schema/not-validated',
          7,
          expect.stringMatching(
            /^not validated: its --schema-dir schema .*gadget-example-v1\.json cannot be used: \$ref/,
          ),
        ],
      ]);
    },
  );
});
