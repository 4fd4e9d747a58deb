import { describe, expect, it } from 'vitest';
import { DEFAULT_RULE_OPTIONS, RULE_CRASH, runRules } from '../../src/rules/engine.js';
import { allRules } from '../../src/rules/registry.js';
import type { Rule } from '../../src/rules/types.js';
import { loadAll, yaml } from './helpers.js';

const manifests = () =>
  loadAll({
    'a.yaml': yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: first
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata:
        name: second
        namespace: shop
    `,
  });

const flagEveryName: Rule = {
  id: 'flag-names',
  severity: 'warning',
  category: 'consistency',
  description: 'Test rule.',
  rationale: 'Test rule.',
  check(context) {
    for (const manifest of context.manifests) {
      context.report({
        manifest,
        path: ['metadata', 'name'],
        message: `${context.namespaceOf(manifest)}/${manifest.ref.name}`,
      });
    }
  },
};

const crashOnSecond: Rule = {
  ...flagEveryName,
  id: 'crashes',
  check(context) {
    for (const manifest of context.manifests) {
      if (manifest.ref.name === 'second') throw new TypeError('boom');
    }
  },
};

describe('runRules', () => {
  it('locates each report, attaches file, object and the default severity', () => {
    const findings = runRules(manifests(), { ...DEFAULT_RULE_OPTIONS, rules: [flagEveryName] });
    expect(findings).toEqual([
      {
        ruleId: 'flag-names',
        severity: 'warning',
        message: 'default/first',
        file: 'a.yaml',
        line: 4,
        column: 9,
        endLine: 4,
        endColumn: 14,
        object: { apiVersion: 'v1', kind: 'ConfigMap', name: 'first' },
      },
      {
        ruleId: 'flag-names',
        severity: 'warning',
        message: 'shop/second',
        file: 'a.yaml',
        line: 9,
        column: 9,
        endLine: 9,
        endColumn: 15,
        object: { apiVersion: 'v1', kind: 'ConfigMap', name: 'second', namespace: 'shop' },
      },
    ]);
  });

  it('applies severity overrides and skips rules that are off', () => {
    expect(
      runRules(manifests(), {
        ...DEFAULT_RULE_OPTIONS,
        rules: [flagEveryName],
        severities: { 'flag-names': 'error' },
      }).map((f) => f.severity),
    ).toEqual(['error', 'error']);
    expect(
      runRules(manifests(), { ...DEFAULT_RULE_OPTIONS, rules: [flagEveryName], severities: { 'flag-names': 'off' } }),
    ).toEqual([]);
  });

  it('a per-report severity beats the default, and a user override beats both', () => {
    const escalates: Rule = {
      ...flagEveryName,
      check: (c) => c.report({ manifest: c.manifests[0]!, path: [], message: 'x', severity: 'error' }),
    };
    expect(runRules(manifests(), { ...DEFAULT_RULE_OPTIONS, rules: [escalates] })[0]!.severity).toBe('error');
    expect(
      runRules(manifests(), { ...DEFAULT_RULE_OPTIONS, rules: [escalates], severities: { 'flag-names': 'info' } })[0]!
        .severity,
    ).toBe('info');
  });

  it('turns a crashing rule into one finding naming the rule and the object, and runs the others', () => {
    const findings = runRules(manifests(), { ...DEFAULT_RULE_OPTIONS, rules: [crashOnSecond, flagEveryName] });
    expect(findings.map((f) => f.ruleId)).toEqual([RULE_CRASH, 'flag-names', 'flag-names']);
    expect(findings[0]).toMatchObject({
      severity: 'error',
      file: 'a.yaml',
      line: 6,
      message:
        'rule crashes crashed while checking ConfigMap second: TypeError: boom (a kubeplan bug: please report it with this object)',
      object: { name: 'second' },
    });
  });

  it('does not let a rule modify the list of objects', () => {
    const mutates: Rule = {
      ...flagEveryName,
      id: 'mutates',
      check: (c) => void (c.manifests as unknown as unknown[]).pop(),
    };
    const list = manifests();
    const findings = runRules(list, { ...DEFAULT_RULE_OPTIONS, rules: [mutates] });
    expect(findings.map((f) => f.ruleId)).toEqual([RULE_CRASH]);
    expect(list).toHaveLength(2);
  });

  it('runs every registered rule by default, in id order', () => {
    const ids = allRules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    // The default run is exactly every registered rule run on its own, in id order, and none of them crashes.
    const input = () =>
      loadAll({
        'pod.yaml': yaml`
          apiVersion: v1
          kind: Pod
          metadata:
            name: Web
          spec:
            hostNetwork: true
            containers:
              - name: web
                image: nginx
        `,
      });
    const all = runRules(input(), DEFAULT_RULE_OPTIONS);
    const oneByOne = allRules.flatMap((rule) => runRules(input(), { ...DEFAULT_RULE_OPTIONS, rules: [rule] }));
    expect(all).toEqual(oneByOne);
    expect(all.filter((f) => f.ruleId === RULE_CRASH)).toEqual([]);
    expect(new Set(all.map((f) => f.ruleId)).size).toBeGreaterThan(1);
  });

  it('keeps every finding of a rule that reports very many (more than fit in one call)', () => {
    const reportOften: Rule = {
      ...flagEveryName,
      id: 'reports-often',
      check(context) {
        const manifest = context.manifests[0]!;
        for (let i = 0; i < 200_000; i++) context.report({ manifest, path: ['metadata', 'name'], message: 'again' });
      },
    };
    expect(runRules(manifests(), { ...DEFAULT_RULE_OPTIONS, rules: [reportOften] })).toHaveLength(200_000);
  });
});
