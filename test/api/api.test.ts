/** The library API from source: config lookup and precedence, caller mistakes as OptionsError, plan/check inputs. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { check, loadConfigFor, OptionsError, plan, resolveOptions } from '../../src/api/index.js';
import { lint, type LintOptions } from '../../src/lint.js';

function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-api-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

const POD =
  'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    image: nginx:1.27\n';

describe('loadConfigFor', () => {
  it('finds the nearest .kubeplan.yaml upwards from a file, and none outside the tree', () => {
    const dir = tree({
      '.kubeplan.yaml': 'namespace: outer\n',
      'apps/.kubeplan.yml': 'namespace: inner\n',
      'apps/web/pod.yaml': POD,
      'other/pod.yaml': POD,
    });
    expect(loadConfigFor(path.join(dir, 'apps/web/pod.yaml')).config.namespace).toBe('inner');
    expect(loadConfigFor(path.join(dir, 'other/pod.yaml')).config.namespace).toBe('outer');
    expect(loadConfigFor(path.join(dir, 'other')).config.namespace).toBe('outer');
    const named = loadConfigFor('other/pod.yaml', { cwd: dir, configPath: 'apps/.kubeplan.yml' });
    expect(named.config.namespace).toBe('inner');
    expect(named.file).toBe('apps/.kubeplan.yml');
  });

  it('a named config that does not exist is a config/not-found finding', () => {
    const dir = tree({ 'pod.yaml': POD });
    const loaded = loadConfigFor(dir, { cwd: dir, configPath: 'nope.yaml' });
    expect(loaded.findings.map((f) => f.ruleId)).toEqual(['config/not-found']);
    expect(lint(['pod.yaml'], { cwd: dir, config: loaded }).findings.map((f) => f.ruleId)).toContain(
      'config/not-found',
    );
  });
});

describe('resolveOptions: explicit options over the config over defaults', () => {
  it('merges severities and schema dirs, explicit values win', () => {
    const dir = tree({
      '.kubeplan.yaml': 'rules:\n  latest-tag: off\n  host-network: error\nnamespace: cfg\nstrict: true\n',
    });
    const config = loadConfigFor(dir);
    const { options } = resolveOptions<LintOptions>({
      config,
      severities: { 'host-network': 'info' },
      defaultNamespace: 'flag',
    });
    expect(options.severities).toEqual({ 'latest-tag': 'off', 'host-network': 'info' });
    expect(options.defaultNamespace).toBe('flag');
    expect(options.strict).toBe(true);
    expect('config' in options).toBe(false);
  });

  it('throws OptionsError for an unknown rule id, with a did-you-mean', () => {
    expect(() => resolveOptions({ severities: { 'latest-tags': 'off' } })).toThrow(OptionsError);
    expect(() => resolveOptions({ severities: { 'latest-tags': 'off' } })).toThrow('did you mean "latest-tag"?');
    expect(() => resolveOptions({ severities: { 'latest-tag': 'off' } })).not.toThrow();
  });

  it('throws OptionsError for a Kubernetes version newer than supported', () => {
    expect(() => lint([], { kubeVersion: '1.99' })).toThrow(OptionsError);
  });
});

describe('plan and check', () => {
  it('a cluster file that does not exist is an OptionsError, not an empty cluster', () => {
    const dir = tree({ 'pod.yaml': POD });
    expect(() => plan(['pod.yaml'], { cwd: dir, cluster: 'nodes.yaml' })).toThrow(OptionsError);
    expect(() => check(['pod.yaml'], { cwd: dir, cluster: 'nodes.yaml' })).toThrow('cluster file');
  });

  it('plan reports only what stops the inputs being read; check reports every lint finding', () => {
    const dir = tree({ 'pod.yaml': POD });
    // The container sets no resources: missing-memory-limit is a lint finding, not a reason the plan cannot run.
    expect(plan(['pod.yaml'], { cwd: dir }).findings.map((f) => f.ruleId)).not.toContain('missing-memory-limit');
    expect(check(['pod.yaml'], { cwd: dir }).findings.map((f) => f.ruleId)).toContain('missing-memory-limit');
  });

  it('from and base together are an OptionsError', () => {
    const dir = tree({ 'pod.yaml': POD });
    expect(() => check(['pod.yaml'], { cwd: dir, from: ['pod.yaml'], base: 'HEAD' })).toThrow(OptionsError);
  });
});
