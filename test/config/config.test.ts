import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPathFilter, loadConfig, parseConfigText } from '../../src/config/index.js';

const known = ['service-selects-no-pods', 'missing-reference', 'duplicate-object'];
const parse = (text: string) => parseConfigText(text, '.kubeplan.yaml', { baseDir: '/repo', knownRuleIds: known });
const brief = (text: string) => parse(text).findings.map((f) => [f.ruleId, f.line, f.column, f.message]);

describe('parseConfigText', () => {
  it('reads every key, normalises kubeVersion and resolves schemaDirs against the config folder', () => {
    const { config, findings } = parse(
      [
        'rules:',
        '  service-selects-no-pods: off',
        '  missing-reference: error',
        'include: ["k8s/**/*.yaml"]',
        'exclude: [k8s/generated/]',
        'kubeVersion: v1.31.2',
        'namespace: shop',
        'schemaDirs: [schemas/crds]',
        'requireRefs: true',
        'strict: false',
        '',
      ].join('\n'),
    );
    expect(findings).toEqual([]);
    expect(config).toEqual({
      rules: { 'service-selects-no-pods': 'off', 'missing-reference': 'error' },
      include: ['k8s/**/*.yaml'],
      exclude: ['k8s/generated/'],
      kubeVersion: '1.31',
      namespace: 'shop',
      schemaDirs: [path.resolve('/repo', 'schemas/crds')],
      requireRefs: true,
      strict: false,
    });
  });

  it('accepts an empty file and a file of comments', () => {
    expect(parse('')).toEqual({ config: { rules: {}, include: [], exclude: [], schemaDirs: [] }, findings: [] });
    expect(parse('# nothing yet\n').findings).toEqual([]);
  });

  it('reports unknown keys with a suggestion, at the key', () => {
    expect(brief('rules: {}\nexlude: [a]\nfoo: 1\n')).toEqual([
      ['config/invalid', 2, 1, 'unknown key "exlude" (did you mean "exclude"?)'],
      [
        'config/invalid',
        3,
        1,
        'unknown key "foo"; known keys: rules, include, exclude, kubeVersion, namespace, schemaDirs, requireRefs, strict',
      ],
    ]);
  });

  it('reports unknown rule ids with a suggestion, and bad severities', () => {
    expect(
      brief('rules:\n  servce-selects-no-pods: warning\n  duplicate-object: warn\n  no-such-thing: off\n'),
    ).toEqual([
      ['config/invalid', 3, 21, 'rules.duplicate-object must be one of off, info, warning, error'],
      ['config/invalid', 2, 3, 'unknown rule "servce-selects-no-pods" (did you mean "service-selects-no-pods"?)'],
      ['config/invalid', 4, 3, 'unknown rule "no-such-thing"'],
    ]);
    expect(parse('rules:\n  duplicate-object: warn\n').config.rules).toEqual({});
  });

  it('reports wrong types and formats at the value', () => {
    expect(brief('include: "*.yaml"\nkubeVersion: 1.34\nnamespace: Shop\nrequireRefs: yes\n')).toEqual([
      ['config/invalid', 1, 10, 'include must be a list'],
      ['config/invalid', 2, 14, 'kubeVersion must be a string'],
      [
        'config/invalid',
        3,
        12,
        'namespace must be a namespace name (lowercase letters, digits and "-", starting and ending with a letter or digit)',
      ],
      ['config/invalid', 4, 14, 'requireRefs must be true or false'],
    ]);
  });

  it('reports YAML errors and documents that are not mappings', () => {
    expect(brief('rules: {a: b\n')[0]).toEqual(['config/invalid', 2, 1, expect.stringMatching(/^YAML syntax error: /)]);
    expect(brief('rules: {}\nrules: {}\n')[0]![3]).toMatch(/YAML syntax error/);
    expect(brief('- a\n- b\n')).toEqual([
      ['config/invalid', 1, 1, 'the configuration must be a mapping (rules:, include:, exclude:, …)'],
    ]);
  });

  it('refuses unsafe globs: too long, too many expansions', () => {
    const long = `include: ["${'a'.repeat(1025)}"]\n`;
    expect(brief(long)[0]![3]).toBe('include[0] must NOT have more than 1024 characters');
    const braces = `exclude: ["${'{a,b}'.repeat(9)}"]\n`;
    expect(brief(braces)).toEqual([
      ['config/invalid', 1, 11, 'exclude[0]: invalid glob: pattern expands to more than 256 alternatives'],
    ]);
    expect(parse(braces).config.exclude).toEqual([]);
  });

  // Time is measured by `npm run bench`, not here: this checks that hostile input ends in a finding or an answer.
  it('answers on hostile input (alias bombs, pathological globs)', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    expect(brief(bomb)[0]![3]).toMatch(/cannot read config file/);
    const filter = createPathFilter({
      include: ['**/'.repeat(300) + 'x'],
      exclude: ['*(a|a)*'],
      baseDir: '/r',
      cwd: '/r',
    });
    // Included: each `**` may match no folder, so 300 of them fit 50 folders; not excluded: extglobs are off
    // (noext), so `*(a|a)*` is one path segment containing the literal text "(a|a)".
    expect(filter(`${'a/'.repeat(50)}x`)).toBe(true);
    expect(filter('a/b/y')).toBe(false);
  });
});

describe('createPathFilter', () => {
  it('matches globs relative to the config folder, for files given relative to cwd', () => {
    const filter = createPathFilter({
      include: ['k8s/**/*.yaml'],
      exclude: ['k8s/generated/', './k8s/*.tmp.yaml'],
      baseDir: '/repo',
      cwd: '/repo/k8s',
    });
    expect(filter('app.yaml')).toBe(true);
    expect(filter('apps/web.yaml')).toBe(true);
    expect(filter('generated/crd.yaml')).toBe(false);
    expect(filter('x.tmp.yaml')).toBe(false);
    expect(filter('../docs/example.yaml')).toBe(false);
    expect(filter('/repo/k8s/.hidden/a.yaml')).toBe(true);
  });

  it('keeps everything without patterns', () => {
    expect(createPathFilter({ include: [], exclude: [], baseDir: '/r', cwd: '/r' })('any/file.yaml')).toBe(true);
  });
});

describe('loadConfig', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kubeplan-config-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  mkdirSync(path.join(root, 'a', 'b', 'c'), { recursive: true });
  writeFileSync(path.join(root, 'a', '.kubeplan.yml'), 'namespace: from-a\n');
  writeFileSync(path.join(root, 'a', 'b', '.kubeplan.yaml'), 'namespace: from-b\nrules: {no-such-rule: off}\n');

  it('finds the nearest config file walking up from cwd', () => {
    const result = loadConfig({ cwd: path.join(root, 'a', 'b', 'c') });
    // b's config is the nearest; it has an unknown rule, so none of it applies (not even its namespace).
    expect(result.config.namespace).toBeUndefined();
    expect(result.file).toBe(path.join(root, 'a', 'b', '.kubeplan.yaml').split(path.sep).join('/'));
    expect(result.baseDir).toBe(path.join(root, 'a', 'b'));
    expect(result.findings.map((f) => [f.ruleId, f.file, f.line, f.column])).toEqual([
      ['config/invalid', result.file, 2, 9],
    ]);
    expect(loadConfig({ cwd: path.join(root, 'a') })).toMatchObject({
      file: '.kubeplan.yml',
      config: { namespace: 'from-a' },
    });
  });

  it('uses --config when given, relative to cwd, and reports a missing one', () => {
    expect(loadConfig({ cwd: root, configPath: 'a/.kubeplan.yml' })).toMatchObject({
      file: 'a/.kubeplan.yml',
      config: { namespace: 'from-a' },
      findings: [],
    });
    expect(loadConfig({ cwd: root, configPath: 'missing.yaml' }).findings).toEqual([
      {
        ruleId: 'config/not-found',
        severity: 'error',
        message: 'config file not found: missing.yaml',
        file: 'missing.yaml',
        line: 1,
        column: 1,
        endLine: 1,
        endColumn: 1,
      },
    ]);
  });

  it('validates rule ids against the real registry and built-in checks by default', () => {
    writeFileSync(
      path.join(root, '.kubeplan.yaml'),
      'rules:\n  duplicate-object: warning\n  input/empty: off\n  overlaping-selectors: off\n',
    );
    const result = loadConfig({ cwd: root });
    expect(result.config.rules).toEqual({}); // invalid: not applied
    expect(result.findings.map((f) => f.message)).toEqual([
      'unknown rule "overlaping-selectors" (did you mean "overlapping-selectors"?)',
    ]);
    writeFileSync(path.join(root, '.kubeplan.yaml'), 'rules:\n  duplicate-object: warning\n  input/empty: off\n');
    expect(loadConfig({ cwd: root })).toMatchObject({
      config: { rules: { 'duplicate-object': 'warning', 'input/empty': 'off' } },
      findings: [],
    });
  });
});
