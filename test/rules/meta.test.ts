/**
 * Completeness of every rule (ESLint's checkRuleFiles idea): each rules/<id>.ts is registered,
 * exports a rule whose id is its file name, carries its metadata and has a test file; and the
 * rules table in docs/rules.md is what scripts/gen-rule-tables.mjs generates. Each rule's examples (its page's failing and
 * passing manifests) are linted: the bad one must fire the rule, the good one must not.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lintText } from '../../src/lint.js';
import { allRules } from '../../src/rules/registry.js';
import type { Rule } from '../../src/rules/types.js';
import { renderRulesTable, replaceRulesTable, TABLES_FILE } from '../../scripts/gen-rule-tables.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ruleFiles = readdirSync(path.join(root, 'rules'))
  .filter((f) => f.endsWith('.ts') && f !== 'index.ts' && !f.endsWith('.d.ts'))
  .map((f) => f.slice(0, -3))
  .sort();
const indexSource = readFileSync(path.join(root, 'rules', 'index.ts'), 'utf8');
const exportLines = indexSource.split('\n').filter((l) => l.startsWith('export'));

const SEVERITIES = ['error', 'warning', 'info'];
const CATEGORIES = ['consistency', 'reliability', 'security', 'efficiency', 'deprecation', 'validation'];
const camel = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

describe.each(ruleFiles)('rules/%s.ts', (id) => {
  it('exports a rule whose id is the file name, with complete metadata', async () => {
    const rule = ((await import(pathToFileURL(path.join(root, 'rules', `${id}.ts`)).href)) as { default: Rule })
      .default;
    expect(rule, 'default export').toBeTypeOf('object');
    expect(rule.id, 'id must equal the file name').toBe(id);
    expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(SEVERITIES, `severity of ${id}`).toContain(rule.severity);
    expect(CATEGORIES, `category of ${id}`).toContain(rule.category);
    expect(rule.description.trim(), 'description').not.toBe('');
    expect(rule.description, 'description is one line').not.toContain('\n');
    expect(rule.rationale.trim(), 'rationale').not.toBe('');
    expect(rule.check).toBeTypeOf('function');
  });

  it('has a failing and a passing example: the bad one fires this rule, the good one does not', async () => {
    const rule = ((await import(pathToFileURL(path.join(root, 'rules', `${id}.ts`)).href)) as { default: Rule })
      .default;
    expect(rule.examples, `add examples: { bad, good } (YAML) to rules/${id}.ts for docs/rules/${id}.md`).toBeDefined();
    const { bad, good } = rule.examples!;
    for (const [name, text] of [
      ['bad', bad],
      ['good', good],
    ] as const) {
      const unreadable = lintText(text, `${name}.yaml`).findings.filter(
        (f) => f.ruleId.startsWith('yaml/') || f.ruleId.startsWith('input/'),
      );
      expect(unreadable.map((f) => `${name} example ${f.line}:${f.column} ${f.message}`)).toEqual([]);
    }
    const fired = (text: string) =>
      lintText(text, 'example.yaml')
        .findings.filter((f) => f.ruleId === id)
        .map((f) => `${f.line}:${f.column} ${f.message}`);
    expect(fired(bad).length, `the bad example of ${id} must fire it`).toBeGreaterThan(0);
    expect(fired(good), `the good example of ${id} must not fire it`).toEqual([]);
  });

  it('is registered in rules/index.ts', () => {
    const line = `export { default as ${camel(id)} } from './${id}.js';`;
    expect(exportLines, `add this line to rules/index.ts (kept sorted by file name):\n  ${line}`).toContain(line);
    expect(allRules.map((r) => r.id)).toContain(id);
  });

  it('has a test file', () => {
    expect(
      existsSync(path.join(root, 'test', 'rules', `${id}.test.ts`)),
      `create test/rules/${id}.test.ts with valid and invalid cases`,
    ).toBe(true);
  });
});

describe('the registry', () => {
  it('lists only existing rule files, one line each, sorted by id', () => {
    const ids = exportLines.map((l) => /from '\.\/(.+)\.js';$/.exec(l)?.[1]);
    expect(
      ids.every((x) => x !== undefined),
      'every line is `export { default as name } from "./id.js";`',
    ).toBe(true);
    // Sorted by file name, as `ls rules/` lists them ("a-b.ts" before "a.ts"), so the order is never in doubt.
    const files = ids.map((id) => `${id}.ts`);
    expect(files, 'rules/index.ts must be sorted by file name (as `ls rules/` lists them)').toEqual([...files].sort());
    expect(new Set(ids).size, 'no rule is listed twice').toBe(ids.length);
    for (const id of ids)
      expect(ruleFiles, `rules/index.ts lists ${id}, but rules/${id}.ts does not exist`).toContain(id);
  });

  it('has unique ids', () => {
    const ids = allRules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('docs/rules.md', () => {
  it('has the rules table that scripts/gen-rule-tables.mjs generates (run `npm run compile && npm run docs:tables`)', () => {
    expect(TABLES_FILE).toBe('docs/rules.md');
    const doc = readFileSync(path.join(root, TABLES_FILE), 'utf8');
    const expected = replaceRulesTable(doc, renderRulesTable(allRules)) as string | undefined;
    expect(
      expected,
      'docs/rules.md must keep the <!-- rules:start --> and <!-- rules:end --> markers around the rules table',
    ).toBeDefined();
    expect(doc).toBe(expected);
  });

  it('links every rule id to its page, which exists', () => {
    const doc = readFileSync(path.join(root, TABLES_FILE), 'utf8');
    const links = [...doc.matchAll(/\(rules\/([a-z0-9-]+)\.md\)/g)].map((m) => m[1]!);
    expect(links).toEqual([...allRules.map((r) => r.id)].sort());
    for (const id of links) expect(existsSync(path.join(root, 'docs/rules', `${id}.md`)), id).toBe(true);
  });
});

describe('gen-rule-tables', () => {
  const rule = (id: string, extra: Partial<Rule> = {}) => ({
    id,
    severity: 'warning',
    category: 'consistency',
    description: `Rule ${id}.`,
    ...extra,
  });

  it('renders one row per rule, sorted, escaping pipes', () => {
    expect(renderRulesTable([rule('b'), rule('a', { description: 'x | y', kubeLinter: 'kl', kubeScore: 'ks' })])).toBe(
      [
        '| id | severity | category | description | kube-linter | kube-score |',
        '|---|---|---|---|---|---|',
        '| [`a`](rules/a.md) | warning | consistency | x \\| y | `kl` | `ks` |',
        '| [`b`](rules/b.md) | warning | consistency | Rule b. |  |  |',
      ].join('\n'),
    );
  });

  it('replaces only the text between the markers', () => {
    expect(replaceRulesTable('# T\n<!-- rules:start -->\nold\n<!-- rules:end -->\nafter\n', 'NEW')).toBe(
      '# T\n<!-- rules:start -->\nNEW\n<!-- rules:end -->\nafter\n',
    );
    expect(replaceRulesTable('no markers', 'NEW')).toBeUndefined();
  });
});
