/**
 * Objects that are YAML but not Kubernetes: kind/apiVersion/metadata missing or of the wrong type, null where a
 * mapping is expected, numbers where strings are expected, unknown kinds and custom resources. Each sits between
 * two good documents (see `sandwich`); the assertion is on the exact yaml/input/schema findings, relative lines.
 */
import { describe, expect, it } from 'vitest';
import { HANG_GUARD, sandwich } from './helpers.js';

type Row = [string, string, number, number];
const cases: Array<[string, string, Row[]]> = [
  ['kind missing', 'apiVersion: v1\nmetadata: {name: a}\ndata: {k: v}', [['schema/required', 'error', 1, 1]]],
  ['kind without a value', 'apiVersion: v1\nkind:\nmetadata: {name: a}', [['schema/required', 'error', 2, 1]]],
  ['kind is a number', 'apiVersion: v1\nkind: 42\nmetadata: {name: a}', [['schema/type', 'error', 2, 7]]],
  ['kind is a list', 'apiVersion: v1\nkind: [ConfigMap]\nmetadata: {name: a}', [['schema/type', 'error', 2, 7]]],
  ['apiVersion missing', 'kind: ConfigMap\nmetadata: {name: a}', [['schema/required', 'error', 1, 1]]],
  ['apiVersion is a number', 'apiVersion: 1\nkind: ConfigMap\nmetadata: {name: a}', [['schema/type', 'error', 1, 13]]],
  ['metadata is a string', 'apiVersion: v1\nkind: ConfigMap\nmetadata: a', [['schema/type', 'error', 3, 11]]],
  ['metadata is a list', 'apiVersion: v1\nkind: ConfigMap\nmetadata: [a]', [['schema/type', 'error', 3, 11]]],
  [
    'metadata.name is a number',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: 123}',
    [['schema/yaml11-scalar', 'error', 3, 18]],
  ],
  [
    'metadata.name is a YAML 1.1 boolean',
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: no}',
    [['schema/yaml11-scalar', 'error', 3, 18]],
  ],
  [
    'null everywhere a mapping is expected',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\nspec:\n  selector:\n  template:\n    metadata:\n    spec:\n      containers:\n      - name:\n        image:\n        resources:\n        env:',
    [
      ['schema/required', 'error', 7, 3],
      ['schema/required', 'error', 12, 9],
    ],
  ],
  [
    'null list items',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n      - null\n      - ~',
    [
      ['schema/type', 'error', 10, 9],
      ['schema/type', 'error', 11, 9],
    ],
  ],
  [
    'numbers where strings are expected, a string where a number is',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, labels: {version: 1.0}}\nspec:\n  replicas: "3"\n  selector: {matchLabels: {a: b}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers:\n      - name: 1\n        image: 2\n        env: [{name: X, value: 3}]',
    [
      ['schema/yaml11-scalar', 'error', 3, 41],
      ['schema/type', 'error', 5, 13],
      ['schema/yaml11-scalar', 'error', 11, 15],
      ['schema/yaml11-scalar', 'error', 12, 16],
      ['schema/yaml11-scalar', 'error', 13, 32],
    ],
  ],
  [
    'an unknown kind',
    'apiVersion: v1\nkind: Frobnicator\nmetadata: {name: a}',
    [['schema/unknown-kind', 'warning', 2, 7]],
  ],
  [
    'a custom resource without its CRD',
    'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 3}',
    [['schema/unknown-kind', 'warning', 2, 7]],
  ],
  [
    'a custom resource validated by its CRD in the same run',
    'apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\nspec:\n  group: example.com\n  names: {kind: Widget, plural: widgets, singular: widget}\n  scope: Namespaced\n  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n        properties:\n          spec:\n            type: object\n            properties:\n              size: {type: integer}\n---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: big}',
    [['schema/type', 'error', 24, 14]],
  ],
];

describe('objects that are not what Kubernetes expects', () => {
  it.each(cases)('%s', { timeout: HANG_GUARD }, (_name, text, expected) => {
    expect(sandwich(text).validity).toEqual(expected);
  });

  it('--strict makes unknown kinds errors', { timeout: HANG_GUARD }, () => {
    expect(sandwich('apiVersion: v1\nkind: Frobnicator\nmetadata: {name: a}', { strict: true }).validity).toEqual([
      ['schema/unknown-kind', 'error', 2, 7],
    ]);
  });

  it('a List whose items are broken reports each item and keeps the good ones', { timeout: HANG_GUARD }, () => {
    const { validity, result } = sandwich(
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata: {name: good}\n- apiVersion: v1\n  metadata: {name: nokind}\n- 7\n- null',
    );
    expect(validity).toEqual([
      ['schema/required', 'error', 7, 3],
      ['input/not-an-object', 'error', 9, 3],
      ['input/not-an-object', 'error', 10, 3],
    ]);
    expect(result.manifests.map((m) => m.ref.name)).toEqual(['before', 'good', 'nokind', 'after']);
  });
});
