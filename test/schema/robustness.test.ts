/** Hostile or malformed input never throws out of validateManifests, and messages stay readable. */
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/core/types.js';
import { DEFAULT_KUBE_VERSION, validateManifests } from '../../src/schema/index.js';
import { check, yaml } from './helpers.js';

function manifest(object: Record<string, unknown>): Manifest {
  const at = { line: 1, column: 1, endLine: 1, endColumn: 1 };
  return {
    file: 'x.yaml',
    docIndex: 0,
    object,
    ref: {},
    basePath: [],
    locate: () => at,
    scalarSource: () => undefined,
  };
}

describe('robustness', () => {
  it('an object nested deeper than the stack (through a recursive schema) is reported, not thrown', () => {
    // JSONSchemaProps is recursive, so ajv follows this nesting all the way down.
    let schema: Record<string, unknown> = { type: 'string' };
    for (let i = 0; i < 50_000; i++) schema = { type: 'object', properties: { a: schema } };
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'xs.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { kind: 'X', plural: 'xs' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }],
      },
    };
    const findings = validateManifests([manifest(crd)], { kubeVersion: DEFAULT_KUBE_VERSION, strict: false });
    expect(findings.map((f) => [f.ruleId, f.message])).toEqual([
      ['schema/invalid', expect.stringMatching(/^cannot validate this object: Maximum call stack size exceeded/)],
    ]);
  });

  it('keys that look like object internals are plain unknown fields', () => {
    const findings = validateManifests(
      [manifest(JSON.parse('{"apiVersion":"v1","kind":"ConfigMap","__proto__":{"x":1},"constructor":1}'))],
      {
        kubeVersion: DEFAULT_KUBE_VERSION,
        strict: false,
      },
    );
    expect(findings.map((f) => f.message)).toEqual(['__proto__: unknown field', 'constructor: unknown field']);
  });

  it('long values are shortened in messages', () => {
    const long = '9'.repeat(400);
    const [finding] = check(
      yaml('apiVersion: v1', 'kind: ConfigMap', 'metadata: {name: c}', 'data:', `  big: ${long}`),
    );
    expect(finding!.ruleId).toBe('schema/yaml11-scalar');
    expect(finding!.message.length).toBeLessThan(250);
    expect(finding!.message).toContain(`${'9'.repeat(57)}...`);
  });

  it('apiVersion and kind from the input never reach the file system outside --schema-dir', () => {
    const findings = check(yaml('apiVersion: ../../../../etc/v1', 'kind: passwd', 'metadata: {name: x}'), {
      schemaDirs: ['/tmp'],
    });
    expect(findings.map((f) => f.ruleId)).toEqual(['schema/unknown-kind']);
  });
});
