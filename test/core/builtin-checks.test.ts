import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILTIN_CHECKS } from '../../src/core/builtin-checks.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'generated' ? [] : sourceFiles(full);
    return full.endsWith('.ts') ? [full] : [];
  });
}

describe('built-in check catalog', () => {
  it('lists every finding id the source emits, and nothing else', () => {
    const emitted = new Set<string>();
    for (const file of sourceFiles('src').filter((f) => !f.endsWith('builtin-checks.ts'))) {
      for (const m of readFileSync(file, 'utf8').matchAll(
        /['"`]((?:schema|plan|rollout|config|directive|input|yaml|git|internal)\/[a-z0-9-]+)['"`]/g,
      ))
        emitted.add(m[1]!);
    }
    const listed = BUILTIN_CHECKS.map((c) => c.id);
    expect([...emitted].filter((id) => !listed.includes(id)).sort()).toEqual([]);
    expect(listed.filter((id) => !emitted.has(id))).toEqual([]);
    expect(listed).toEqual([...listed].sort());
  });
});

describe('docs/rules.md', () => {
  it('has the built-in checks table that scripts/gen-rule-tables.mjs generates (run `npm run compile && npm run docs:tables`)', async () => {
    const { renderChecksTable, replaceChecksTable, TABLES_FILE } = await import('../../scripts/gen-rule-tables.mjs');
    const doc = readFileSync(TABLES_FILE, 'utf8');
    const expected = replaceChecksTable(doc, renderChecksTable(BUILTIN_CHECKS));
    expect(expected, `${TABLES_FILE} needs <!-- checks:start --> / <!-- checks:end --> markers`).toBeDefined();
    expect(doc).toBe(expected);
  });
});
