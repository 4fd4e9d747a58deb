import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateFileNames } from '../../src/schema/schema-dir.js';
import { brief, check, yaml } from './helpers.js';

/** A kubeconform-style schema (as openapi2jsonschema writes them): nullable types, int-or-string as oneOf. */
const gizmoSchema = {
  description: 'Gizmo is a test resource',
  type: 'object',
  required: ['spec'],
  properties: {
    apiVersion: { type: 'string' },
    kind: { type: 'string' },
    metadata: { type: 'object' },
    spec: {
      type: 'object',
      properties: {
        count: { type: ['integer', 'null'], minimum: 0 },
        target: { oneOf: [{ type: 'string' }, { type: 'integer' }] },
      },
    },
  },
};

describe('--schema-dir', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-schema-dir-'));
    writeFileSync(path.join(dir, 'gizmo-example-v1.json'), JSON.stringify(gizmoSchema));
    writeFileSync(
      path.join(dir, 'doohickey_v1beta1.json'),
      JSON.stringify({ type: 'object', properties: { spec: { type: 'string' } } }),
    );
    mkdirSync(path.join(dir, 'tools.example.com'));
    writeFileSync(
      path.join(dir, 'tools.example.com', 'wrench_v2.json'),
      JSON.stringify({ type: 'object', required: ['spec'] }),
    );
    // Never read unless a Broken is present: schemas are compiled lazily, only for kinds in the inputs.
    writeFileSync(path.join(dir, 'broken-example-v1.json'), '{ not json');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds schemas by kubeconform naming and validates against them', () => {
    const text = yaml(
      'apiVersion: example.com/v1',
      'kind: Gizmo',
      'metadata: {name: ok}',
      'spec: {count: 2, target: 80}',
      '---',
      'apiVersion: example.com/v1',
      'kind: Gizmo',
      'metadata: {name: bad}',
      'spec: {count: -1, target: [80]}',
      '---',
      'apiVersion: other.io/v1beta1',
      'kind: Doohickey',
      'metadata: {name: d}',
      'spec: 5',
      '---',
      'apiVersion: tools.example.com/v2',
      'kind: Wrench',
      'metadata: {name: w}',
    );
    expect(brief(check(text, { schemaDirs: [dir] }))).toEqual([
      { ruleId: 'schema/format', line: 9, column: 15, message: 'spec.count: must be >= 0 (got -1)' },
      { ruleId: 'schema/type', line: 9, column: 27, message: 'spec.target: expected string or integer, got array' },
      {
        ruleId: 'schema/yaml11-scalar',
        line: 14,
        column: 7,
        message: 'spec: 5 is read by Kubernetes as the number 5, but a string is expected; quote it: "5"',
      },
      { ruleId: 'schema/required', line: 17, column: 1, message: 'spec: required field missing' },
    ]);
  });

  it('leaves user schemas open, unless strict closes the objects that declare properties', () => {
    const text = yaml(
      'apiVersion: example.com/v1',
      'kind: Gizmo',
      'metadata: {name: a}',
      'spec: {count: 1, colour: red}',
    );
    expect(check(text, { schemaDirs: [dir] })).toEqual([]);
    expect(brief(check(text, { schemaDirs: [dir], strict: true }))).toEqual([
      { ruleId: 'schema/unknown-field', line: 4, column: 18, message: 'spec.colour: unknown field' },
    ]);
  });

  it('a schema that is not valid JSON is reported, as a warning, when its kind is used', () => {
    const findings = check(yaml('apiVersion: example.com/v1', 'kind: Broken', 'metadata: {name: b}'), {
      schemaDirs: [dir],
    });
    expect(findings.map((f) => [f.ruleId, f.severity, f.line])).toEqual([
      ['schema/not-validated', 'warning', 2],
      ['schema/bad-schema', 'warning', 1],
    ]);
    expect(findings[1]!.message).toContain('broken-example-v1.json: not valid JSON');
    expect(findings[0]!.message).toMatch(
      /^not validated: its --schema-dir schema cannot be read \(.*broken-example-v1\.json: not valid JSON/,
    );
  });

  it('only plain names become file names', () => {
    expect(candidateFileNames('apps/v1', 'Deployment')).toEqual([
      'deployment-apps-v1.json',
      path.join('apps', 'deployment_v1.json'),
      'deployment_v1.json',
    ]);
    expect(candidateFileNames('monitoring.coreos.com/v1', 'PrometheusRule')).toEqual([
      'prometheusrule-monitoring-v1.json',
      'prometheusrule-monitoring.coreos.com-v1.json',
      path.join('monitoring.coreos.com', 'prometheusrule_v1.json'),
      'prometheusrule_v1.json',
    ]);
    expect(candidateFileNames('v1', 'Service')).toEqual(['service-v1.json', 'service_v1.json']);
    expect(candidateFileNames('../../etc/v1', 'Passwd')).toEqual([]);
    expect(candidateFileNames('example.com/v1', '../x')).toEqual([]);
    expect(candidateFileNames('..example/v1', 'X')).toEqual([]);
  });
});
