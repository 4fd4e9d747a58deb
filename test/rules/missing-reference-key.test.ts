import { describe, expect, it } from 'vitest';
import rule from '../../rules/missing-reference-key.js';
import { runRule, yaml } from './helpers.js';

const objects = yaml`
  apiVersion: v1
  kind: ConfigMap
  metadata: {name: app}
  data: {LOG_LEVEL: info}
  binaryData: {logo.png: aGk=}
  ---
  apiVersion: v1
  kind: Secret
  metadata: {name: db}
  data: {password: aGk=}
  stringData: {user: shop}
`;

const pod = (env: string, volumes = '[]') => yaml`
  apiVersion: v1
  kind: Pod
  metadata: {name: web}
  spec:
    volumes: ${volumes}
    containers:
      - name: app
        image: web:1
        env:
          - ${env}
`;

describe('missing-reference-key', () => {
  it.each([
    ['a ConfigMap data key', '{name: A, valueFrom: {configMapKeyRef: {name: app, key: LOG_LEVEL}}}'],
    ['a ConfigMap binaryData key', '{name: A, valueFrom: {configMapKeyRef: {name: app, key: logo.png}}}'],
    ['a Secret data key', '{name: A, valueFrom: {secretKeyRef: {name: db, key: password}}}'],
    ['a Secret stringData key', '{name: A, valueFrom: {secretKeyRef: {name: db, key: user}}}'],
    ['an optional missing key', '{name: A, valueFrom: {secretKeyRef: {name: db, key: token, optional: true}}}'],
    [
      'a key of an object not in the inputs (missing-reference reports it)',
      '{name: A, valueFrom: {secretKeyRef: {name: other, key: token}}}',
    ],
  ])('accepts %s', (_, env) => {
    expect(runRule(rule, `${objects}---\n${pod(env)}`)).toEqual([]);
  });

  it('reports a missing env key with a suggestion', () => {
    expect(
      runRule(rule, `${objects}---\n${pod('{name: A, valueFrom: {secretKeyRef: {name: db, key: pasword}}}')}`),
    ).toEqual([
      {
        ruleId: 'missing-reference-key',
        line: 22,
        column: 63,
        message: 'Pod web: key "pasword" not found in Secret "db" (did you mean "password"?)',
      },
    ]);
  });

  it('reports a missing volume item key', () => {
    const volumes =
      '[{name: cfg, configMap: {name: app, items: [{key: LOG_LEVEL, path: a}, {key: app.yaml, path: b}]}}]';
    expect(runRule(rule, `${objects}---\n${pod('{name: A, value: x}', volumes)}`)).toEqual([
      {
        ruleId: 'missing-reference-key',
        line: 17,
        column: 89,
        message: 'Pod web: key "app.yaml" not found in ConfigMap "app"',
      },
    ]);
  });
});

describe('missing-reference-key with duplicate definitions', () => {
  it('accepts a key that any of the same-named objects provides (duplicate-object reports the duplication)', () => {
    const second = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: app}\ndata: {EXTRA: "1"}\n';
    expect(
      runRule(
        rule,
        `${objects}---\n${second}---\n${pod('{name: A, valueFrom: {configMapKeyRef: {name: app, key: EXTRA}}}')}`,
      ),
    ).toEqual([]);
  });
});
