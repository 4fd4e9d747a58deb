/**
 * kubeconform's own fixtures (corpus/kubeconform-fixtures), checked against what its acceptance
 * tests expect (EXPECTED.md). One deliberate difference: kubeplan always rejects unknown fields
 * (kubectl's default field validation is Strict), so the fixtures kubeconform fails only with
 * -strict fail here by default.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/types.js';
import { loadText } from '../../src/load/index.js';
import { DEFAULT_KUBE_VERSION, validateManifests, type SchemaOptions } from '../../src/schema/index.js';

const FIXTURES = '/work/shared/corpus/kubeconform-fixtures';

function lintFixture(name: string, options: Partial<SchemaOptions> = {}) {
  const { manifests, findings } = loadText(readFileSync(path.join(FIXTURES, name), 'utf8'), name);
  const schema = validateManifests(manifests, { kubeVersion: DEFAULT_KUBE_VERSION, strict: false, ...options });
  return { manifests, load: findings, schema };
}

const errors = (findings: Finding[]) =>
  findings.filter((f) => f.severity === 'error').map((f) => [f.ruleId, f.line, f.message]);

describe.skipIf(!existsSync(FIXTURES))('kubeconform fixtures', () => {
  it.each([
    ['valid.yaml', 1],
    ['valid.json', 1],
    ['folder/valid.yaml', 1],
    ['folder/multi_valid.yaml', 6],
    ['multi_valid.yaml', 6],
    ['list_valid.yaml', 6],
    ['list_empty_valid.yaml', 0],
    ['multi_with_list.yaml', 2],
    ['blank.yaml', 0],
    ['comment.yaml', 0],
    ['int_or_string.yaml', 1],
    ['generate_name.yaml', 1],
    ['quantity.yaml', 1],
    ['null_string.yaml', 1],
    ['null_array.yaml', 1],
    ['unconventional_keys.yaml', 1],
    ['full_domain_group.yaml', 1],
    ['valid_version.yaml', 1],
  ])('%s is valid (%i resources)', (name, count) => {
    const { manifests, load, schema } = lintFixture(name);
    expect(manifests).toHaveLength(count);
    expect(errors([...load, ...schema])).toEqual([]);
    expect(schema).toEqual([]);
  });

  it('invalid.yaml: replicas is a string and `templates` is misspelt', () => {
    expect(errors(lintFixture('invalid.yaml').schema)).toEqual([
      ['schema/type', 6, 'spec.replicas: expected integer, got string "asd\\""'],
      ['schema/unknown-field', 9, 'spec.templates: unknown field (did you mean "template"?)'],
    ]);
  });

  it('multi_invalid.yaml: one Service port is a string', () => {
    expect(errors(lintFixture('multi_invalid.yaml').schema)).toEqual([
      ['schema/type', 12, 'spec.ports[0].port: expected integer, got string "sds"'],
    ]);
  });

  it('list_invalid.yaml: the List item with `replicas: asd"` fails, the other item passes', () => {
    const { manifests, schema } = lintFixture('list_invalid.yaml');
    expect(manifests).toHaveLength(2);
    expect(schema.map((f) => f.object?.name)).toEqual(['bob', 'bob']);
    expect(errors(schema)).toEqual([
      ['schema/type', 26, 'spec.replicas: expected integer, got string "asd\\""'],
      ['schema/unknown-field', 29, 'spec.templates: unknown field (did you mean "template"?)'],
    ]);
  });

  it('missing kind / apiVersion', () => {
    expect(errors(lintFixture('missing_kind.yaml').schema)).toEqual([
      ['schema/required', 1, 'apiVersion: required field missing'],
      ['schema/required', 1, 'kind: required field missing'],
    ]);
    expect(errors(lintFixture('missing_kind_value.yaml').schema)).toContainEqual([
      'schema/required',
      1,
      'kind: required field has no value',
    ]);
    expect(errors(lintFixture('missing_apiversion.yaml').schema)).toEqual([
      ['schema/required', 1, 'apiVersion: required field missing'],
    ]);
    expect(errors(lintFixture('multi_invalid_resources.yaml').schema)).toHaveLength(10);
  });

  it('test_crd.yaml: an unknown custom resource warns (fails with strict) and passes with its schema from --schema-dir', () => {
    expect(lintFixture('test_crd.yaml').schema.map((f) => [f.ruleId, f.severity])).toEqual([
      ['schema/unknown-kind', 'warning'],
    ]);
    expect(lintFixture('test_crd.yaml', { strict: true }).schema.map((f) => [f.ruleId, f.severity])).toEqual([
      ['schema/unknown-kind', 'error'],
    ]);
    expect(lintFixture('test_crd.yaml', { schemaDirs: [path.join(FIXTURES, 'registry')] }).schema).toEqual([]);
  });

  it('grafana-alert-rule-group-sample.yaml passes with its schema ({kind}_{version}.json)', () => {
    expect(lintFixture('grafana-alert-rule-group-sample.yaml').schema.map((f) => f.ruleId)).toEqual([
      'schema/unknown-kind',
    ]);
    expect(lintFixture('grafana-alert-rule-group-sample.yaml', { schemaDirs: [FIXTURES] }).schema).toEqual([]);
  });

  it('extra_property.yaml and duplicate_property.yaml: DaemonSets have no replicas (kubeconform -strict)', () => {
    expect(errors(lintFixture('extra_property.yaml').schema)).toEqual([
      ['schema/unknown-field', 7, 'spec.replicas: unknown field'],
    ]);
    const duplicate = lintFixture('duplicate_property.yaml');
    expect(duplicate.load.map((f) => f.ruleId)).toEqual(['yaml/duplicate-key']);
    expect(errors(duplicate.schema)).toEqual([['schema/unknown-field', 7, 'spec.replicas: unknown field']]);
  });

  it('test_crd.yaml validates against its (v1beta1, non-structural) CRD when that is among the inputs', () => {
    const crd = readFileSync(path.join(FIXTURES, 'registry/sagemaker.aws.amazon.com_trainingjobs.yaml'), 'utf8');
    const resource = readFileSync(path.join(FIXTURES, 'test_crd.yaml'), 'utf8');
    const lint = (text: string) => {
      const { manifests } = loadText(text, 'crd+cr.yaml');
      return validateManifests(manifests, { kubeVersion: DEFAULT_KUBE_VERSION, strict: true });
    };
    expect(lint(`${crd}\n---\n${resource}`)).toEqual([]);
    const broken = resource.replace('roleArn:', 'roleArm:').replace('instanceCount: 1', 'instanceCount: "1"');
    // preserveUnknownFields defaults to true in v1beta1: the misspelt key is kept, so only the missing field is reported.
    expect(lint(`${crd}\n---\n${broken}`).map((f) => [f.ruleId, f.message])).toEqual([
      ['schema/required', 'spec.roleArn: required field missing'],
      ['schema/type', 'spec.resourceConfig.instanceCount: expected integer, got string "1"'],
    ]);
  });

  it('CRD manifests themselves validate against the built-in CustomResourceDefinition schemas', () => {
    expect(lintFixture('crd_schema.yaml').schema).toEqual([]);
    expect(lintFixture('registry/sagemaker.aws.amazon.com_trainingjobs.yaml').schema).toEqual([]);
  });
});
