import { describe, expect, it } from 'vitest';
import { brief, check, yaml } from './helpers.js';

/** A CRD for example.com/v1 Widget (lines 1–30), using each Kubernetes schema extension. */
const widgetCrd = yaml(
  'apiVersion: apiextensions.k8s.io/v1',
  'kind: CustomResourceDefinition',
  'metadata: {name: widgets.example.com}',
  'spec:',
  '  group: example.com',
  '  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}',
  '  scope: Namespaced',
  '  versions:',
  '    - name: v1',
  '      served: true',
  '      storage: true',
  '      schema:',
  '        openAPIV3Schema:',
  '          type: object',
  '          properties:',
  '            spec:',
  '              type: object',
  '              required: [size]',
  '              properties:',
  '                size: {type: integer, minimum: 1}',
  '                color: {type: string, enum: [red, green, blue]}',
  '                port: {x-kubernetes-int-or-string: true, anyOf: [{type: integer}, {type: string}]}',
  '                settings: {type: object, x-kubernetes-preserve-unknown-fields: true}',
  '                template: {type: object, x-kubernetes-embedded-resource: true, x-kubernetes-preserve-unknown-fields: true}',
  '                tags: {type: array, items: {type: string}, x-kubernetes-list-type: set}',
  '    - name: v1alpha1',
  '      served: false',
  '      storage: false',
  '      schema:',
  '        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}',
);

describe('custom resources validated against their CRD from the inputs', () => {
  it('accepts a valid custom resource, honouring preserve-unknown-fields, int-or-string and embedded resources', () => {
    const text =
      widgetCrd +
      yaml(
        '---',
        'apiVersion: example.com/v1',
        'kind: Widget',
        'metadata: {name: ok, labels: {tier: web}}',
        'spec:',
        '  size: 3',
        '  color: red',
        '  port: http',
        '  settings: {anything: [1, {deep: true}]}',
        '  template: {apiVersion: v1, kind: Pod, spec: {containers: []}}',
        '  tags: [a, b]',
      );
    expect(brief(check(text))).toEqual([]);
  });

  it('reports unknown fields (the schema is structural), types, enums, bounds, sets, embedded resources and metadata', () => {
    const text =
      widgetCrd +
      yaml(
        '---',
        'apiVersion: example.com/v1',
        'kind: Widget',
        'metadata: {name: bad, lables: {a: b}}',
        'spec:',
        '  sise: 3',
        '  color: Red',
        '  port: true',
        '  tags: [a, a]',
        '  template: {spec: {}}',
        'extra: 1',
      );
    expect(brief(check(text))).toEqual([
      {
        ruleId: 'schema/unknown-field',
        line: 34,
        column: 23,
        message: 'metadata.lables: unknown field (did you mean "labels"?)',
      },
      {
        ruleId: 'schema/unknown-field',
        line: 36,
        column: 3,
        message: 'spec.sise: unknown field (did you mean "size"?)',
      },
      {
        ruleId: 'schema/enum',
        line: 37,
        column: 10,
        message: 'spec.color: must be one of "red", "green", "blue" (got "Red"); did you mean "red"?',
      },
      {
        ruleId: 'schema/type',
        line: 38,
        column: 9,
        message: 'spec.port: expected integer or string, got boolean true',
      },
      {
        ruleId: 'schema/invalid',
        line: 39,
        column: 9,
        message: 'spec.tags: items [1] and [0] are identical; items must be unique',
      },
      { ruleId: 'schema/required', line: 40, column: 3, message: 'spec.template.apiVersion: required field missing' },
      { ruleId: 'schema/required', line: 40, column: 3, message: 'spec.template.kind: required field missing' },
      { ruleId: 'schema/unknown-field', line: 41, column: 1, message: 'extra: unknown field' },
    ]);
  });

  it('checks bounds and required fields', () => {
    const text =
      widgetCrd +
      yaml(
        '---',
        'apiVersion: example.com/v1',
        'kind: Widget',
        'metadata: {name: small}',
        'spec: {size: 0}',
        '---',
        'apiVersion: example.com/v1',
        'kind: Widget',
        'metadata: {name: none}',
        'spec: {}',
      );
    expect(brief(check(text))).toEqual([
      { ruleId: 'schema/format', line: 35, column: 14, message: 'spec.size: must be >= 1 (got 0)' },
      { ruleId: 'schema/required', line: 40, column: 1, message: 'spec.size: required field missing' },
    ]);
  });

  it('explains a version the CRD does not define or does not serve', () => {
    const text =
      widgetCrd +
      yaml(
        '---',
        'apiVersion: example.com/v2',
        'kind: Widget',
        'metadata: {name: a}',
        '---',
        'apiVersion: example.com/v1alpha1',
        'kind: Widget',
        'metadata: {name: b}',
      );
    expect(brief(check(text))).toEqual([
      {
        ruleId: 'schema/unknown-kind',
        line: 32,
        column: 13,
        message: 'Widget has no version "v2": its CustomResourceDefinition defines v1, v1alpha1',
      },
      {
        ruleId: 'schema/unknown-kind',
        line: 36,
        column: 13,
        message: 'version v1alpha1 of Widget is not served (served: false in its CustomResourceDefinition)',
      },
    ]);
  });

  it('a CRD schema that cannot be compiled is reported once, at the schema, and each resource says it is not validated', () => {
    const text = yaml(
      'apiVersion: apiextensions.k8s.io/v1',
      'kind: CustomResourceDefinition',
      'metadata: {name: gadgets.example.com}',
      'spec:',
      '  group: example.com',
      '  names: {kind: Gadget, plural: gadgets}',
      '  scope: Namespaced',
      '  versions:',
      '    - name: v1',
      '      served: true',
      '      storage: true',
      '      schema:',
      '        openAPIV3Schema: {type: object, properties: {spec: {type: string, pattern: "(["}}}',
      '---',
      'apiVersion: example.com/v1',
      'kind: Gadget',
      'metadata: {name: a}',
      'spec: x',
      '---',
      'apiVersion: example.com/v1',
      'kind: Gadget',
      'metadata: {name: b}',
    );
    const findings = check(text, { strict: true });
    expect(findings.map((f) => [f.ruleId, f.severity, f.line, f.column])).toEqual([
      ['schema/not-validated', 'warning', 16, 7],
      ['schema/not-validated', 'warning', 21, 7],
      ['schema/bad-schema', 'warning', 13, 9],
    ]);
    expect(findings[2]!.message).toMatch(
      /^the schema of Gadget v1 cannot be used to validate its custom resources: .*(regular expression|regexp)/i,
    );
  });
});
