import { describe, expect, it } from 'vitest';
import rule from '../../rules/duplicate-object.js';
import { runOnFiles, runRule, yaml } from './helpers.js';

const configMap = (name: string, namespace?: string, apiVersion = 'v1', kind = 'ConfigMap') => yaml`
  apiVersion: ${apiVersion}
  kind: ${kind}
  metadata:
    name: ${name}
    ${namespace ? `namespace: ${namespace}` : ''}
`;

describe('duplicate-object', () => {
  it('accepts different names, namespaces, kinds and API groups', () => {
    const text = [
      configMap('a'),
      configMap('b'),
      configMap('a', 'other'),
      configMap('a', undefined, 'v1', 'Secret'),
      configMap('a', undefined, 'apps/v1', 'Deployment'),
      configMap('a', undefined, 'example.com/v1', 'Deployment'),
    ].join('---\n');
    expect(runRule(rule, text)).toEqual([]);
  });

  it('reports the second definition, naming the first one', () => {
    const text = [configMap('app-config'), configMap('app-config', 'default')].join('---\n');
    expect(runRule(rule, text)).toEqual([
      {
        ruleId: 'duplicate-object',
        line: 10,
        column: 9,
        message: 'ConfigMap app-config: duplicate object, already defined at test.yaml:4',
      },
    ]);
  });

  it('finds duplicates across files and honours the default namespace', () => {
    const files = { 'base/cm.yaml': configMap('app', 'shop'), 'overlay/cm.yaml': configMap('app') };
    expect(runOnFiles(rule, files, { defaultNamespace: 'shop' })).toEqual([
      {
        file: 'overlay/cm.yaml',
        ruleId: 'duplicate-object',
        severity: 'error',
        line: 4,
        column: 9,
        message: 'ConfigMap app: duplicate object, already defined at base/cm.yaml:4',
      },
    ]);
    expect(runOnFiles(rule, files)).toEqual([]);
  });

  it('ignores metadata.namespace on cluster-scoped kinds', () => {
    const text = [configMap('ops', 'a', 'v1', 'Namespace'), configMap('ops', 'b', 'v1', 'Namespace')].join('---\n');
    expect(runRule(rule, text).map((f) => f.message)).toEqual([
      'Namespace ops: duplicate object, already defined at test.yaml:4',
    ]);
  });
});
