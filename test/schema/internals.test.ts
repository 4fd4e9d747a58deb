/** The building blocks of the messages: suggestions, quantities, paths, cascade collapsing, OpenAPI conversion. */
import type { ErrorObject } from 'ajv';
import { describe, expect, it } from 'vitest';
import { collapseErrors } from '../../src/schema/collapse.js';
import { normalizeForValidation } from '../../src/schema/normalize.js';
import { toJsonSchema } from '../../src/schema/openapi-schema.js';
import { formatPath, pointerToPath } from '../../src/schema/paths.js';
import { isQuantity, suggestQuantity } from '../../src/k8s/quantity.js';
import { closestMatch, editDistance } from '../../src/schema/suggest.js';

describe('suggestions', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('replcias', 'replicas')).toBe(1);
    expect(editDistance('replica', 'replicas')).toBe(1);
    expect(editDistance('abc', 'xyz')).toBe(3);
  });

  it('prefers a case-insensitive match, then the nearest within the limit', () => {
    expect(closestMatch('nodeport', ['ClusterIP', 'NodePort'])).toBe('NodePort');
    expect(closestMatch('imagePullPolicyy', ['image', 'imagePullPolicy'])).toBe('imagePullPolicy');
    expect(closestMatch('ab', ['xy', 'abc'])).toBe('abc');
    expect(closestMatch('foo', ['bar', 'baz'])).toBeUndefined();
    expect(closestMatch('port', ['host'])).toBeUndefined(); // two edits are too many for a four-letter word
  });
});

describe('quantities', () => {
  it('follow the Kubernetes grammar', () => {
    for (const ok of ['1', '0.5', '.5', '500m', '128Mi', '2Gi', '1e3', '1E-2', '+1k', '100n', '1.5Ti'])
      expect(isQuantity(ok), ok).toBe(true);
    for (const bad of ['500mi', '1GB', '1 Gi', 'Gi', '1.2.3', '1K', '']) expect(isQuantity(bad), bad).toBe(false);
  });

  it('fix-ups are suggested only when obvious', () => {
    expect(suggestQuantity('500mi')).toBe('500Mi');
    expect(suggestQuantity('2gi')).toBe('2Gi');
    expect(suggestQuantity('1GB')).toBe('1Gi');
    expect(suggestQuantity('100K')).toBe('100k');
    expect(suggestQuantity('1 Gi')).toBe('1Gi');
    expect(suggestQuantity('lots')).toBeUndefined();
    expect(suggestQuantity('5x')).toBeUndefined();
  });
});

describe('paths', () => {
  it('turn JSON pointers into paths using the data to tell indexes from keys', () => {
    const data = { spec: { containers: [{ name: 'a' }] }, data: { '0': 'x', 'a/b': 'y' } };
    expect(pointerToPath('/spec/containers/0/name', data)).toEqual(['spec', 'containers', 0, 'name']);
    expect(pointerToPath('/data/0', data)).toEqual(['data', '0']);
    expect(pointerToPath('/data/a~1b', data)).toEqual(['data', 'a/b']);
    expect(pointerToPath('', data)).toEqual([]);
  });

  it('are shown the way kubectl users write them', () => {
    expect(formatPath(['spec', 'template', 'spec', 'containers', 0, 'env', 2, 'value'])).toBe(
      'spec.template.spec.containers[0].env[2].value',
    );
    expect(formatPath(['metadata', 'labels', 'app.kubernetes.io/name'])).toBe(
      'metadata.labels["app.kubernetes.io/name"]',
    );
    expect(formatPath(['data', '0'])).toBe('data["0"]');
  });
});

describe('collapsing ajv cascades', () => {
  const error = (
    keyword: string,
    instancePath: string,
    schemaPath: string,
    params: Record<string, unknown> = {},
  ): ErrorObject => ({ keyword, instancePath, schemaPath, params });

  it('an anyOf whose branches all want other types becomes one type error', () => {
    const errors = [
      error('type', '/port', '#/anyOf/0/type', { type: 'integer' }),
      error('type', '/port', '#/anyOf/1/type', { type: 'string' }),
      error('anyOf', '/port', '#/anyOf'),
    ];
    expect(collapseErrors(errors).map((e) => [e.keyword, e.instancePath, e.params])).toEqual([
      ['type', '/port', { type: ['integer', 'string'] }],
    ]);
  });

  it('an anyOf keeps the errors of the branch that got furthest', () => {
    const errors = [
      error('type', '/x', '#/anyOf/0/type', { type: 'string' }),
      error('required', '/x', '#/anyOf/1/required', { missingProperty: 'name' }),
      error('additionalProperties', '/x', '#/anyOf/1/additionalProperties', { additionalProperty: 'nmae' }),
      error('anyOf', '/x', '#/anyOf'),
    ];
    expect(collapseErrors(errors).map((e) => [e.keyword, e.meant])).toEqual([['additionalProperties', 'name']]);
  });

  it('a oneOf that matched twice is kept as it is', () => {
    const errors = [error('oneOf', '/x', '#/oneOf', { passingSchemas: [0, 1] })];
    expect(collapseErrors(errors).map((e) => e.keyword)).toEqual(['oneOf']);
  });

  it('drops if-errors and value errors next to a type error, and duplicates', () => {
    const errors = [
      error('type', '/a', '#/type', { type: 'string' }),
      error('enum', '/a', '#/enum', { allowedValues: ['x'] }),
      error('if', '/b', '#/if', { failingKeyword: 'else' }),
      error('required', '/b', '#/else/required', { missingProperty: 'c' }),
      error('required', '/b', '#/else/required', { missingProperty: 'c' }),
    ];
    expect(collapseErrors(errors).map((e) => [e.keyword, e.instancePath])).toEqual([
      ['type', '/a'],
      ['required', '/b'],
    ]);
  });
});

describe('normalizing objects before validation', () => {
  it('drops null mapping values, keeps null list items, and shares unchanged subtrees', () => {
    const unchanged = { a: [1, 2] };
    const object = { metadata: { name: 'x', creationTimestamp: null }, spec: unchanged, list: [null, 1] };
    const normalized = normalizeForValidation({ object, scalarSource: () => undefined });
    expect(normalized).toEqual({ metadata: { name: 'x' }, spec: { a: [1, 2] }, list: [null, 1] });
    expect(normalized.spec).toBe(unchanged);
    expect(object.metadata.creationTimestamp).toBeNull(); // the manifest itself is not modified
  });

  it('turns timestamps parsed as dates back into their source text, and keeps "__proto__" a plain key', () => {
    const object = JSON.parse('{"t": null, "__proto__": {"polluted": true}}') as Record<string, unknown>;
    object.t = new Date('2024-01-31T12:00:00Z');
    const normalized = normalizeForValidation({
      object,
      scalarSource: () => ({ text: '2024-01-31 12:00:00Z', plain: true }),
    });
    expect(normalized.t).toBe('2024-01-31 12:00:00Z');
    expect(Object.keys(normalized)).toEqual(['t', '__proto__']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('OpenAPI → JSON Schema', () => {
  it('gives the Kubernetes extensions their API-server meaning', () => {
    const converted = toJsonSchema(
      {
        type: 'object',
        properties: {
          spec: {
            type: 'object',
            nullable: true,
            properties: {
              port: { 'x-kubernetes-int-or-string': true, anyOf: [{ type: 'integer' }, { type: 'string' }] },
              free: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
              empty: { type: 'object' },
              ratio: { type: 'number', minimum: 0, exclusiveMinimum: true },
              tags: { type: 'array', items: { type: 'string' }, 'x-kubernetes-list-type': 'set' },
            },
          },
        },
      },
      { closeObjects: 'all', crdRoot: true },
    );
    expect(converted).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        apiVersion: { type: 'string' },
        kind: { type: 'string' },
        metadata: { type: 'object' },
        spec: {
          type: 'object',
          additionalProperties: false,
          properties: {
            port: { type: ['integer', 'string'] },
            free: { type: 'object' },
            empty: { type: 'object', additionalProperties: false },
            ratio: { type: 'number', exclusiveMinimum: 0 },
            tags: { type: 'array', items: { type: 'string' }, 'x-kubeplan-unique-items': true },
          },
        },
      },
    });
  });

  it('leaves --schema-dir schemas open unless asked, and then closes only objects with properties', () => {
    const schema = { type: 'object', properties: { spec: { type: 'object' } } };
    expect(toJsonSchema(schema, { closeObjects: 'none' })).toEqual(schema);
    expect(toJsonSchema(schema, { closeObjects: 'declared' })).toEqual({
      type: 'object',
      properties: { spec: { type: 'object' } },
      additionalProperties: false,
    });
  });
});
