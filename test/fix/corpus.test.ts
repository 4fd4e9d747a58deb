/**
 * --fix on the real-world corpus (../shared/corpus): the whole corpus is fixed in memory once (one lint plus a
 * re-lint per pass, a few seconds); the files that changed are then copied to a temporary folder, fixed and written
 * there, and re-linted: no fixable finding is left, every rule that was fixed has fewer findings, and a second run
 * changes nothing. Only the changed files are copied (not all ~1,000), which keeps this test fast.
 * Skipped when the corpus is absent.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRoot } from '../../scripts/corpus.mjs';
import type { Finding } from '../../src/core/types.js';
import { applyPatch } from 'diff';
import { FIXABLE_IDS, fix, fixDiff, writeFixedFiles } from '../../src/fix/index.js';
import { lint } from '../../src/lint.js';

const root: string = corpusRoot();

function countsByRule(findings: readonly Finding[], file: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of findings)
    if (f.file === file && FIXABLE_IDS.includes(f.ruleId)) counts.set(f.ruleId, (counts.get(f.ruleId) ?? 0) + 1);
  return counts;
}

describe.skipIf(!existsSync(root))('--fix on the corpus', () => {
  it('fixes, re-lints without what it fixed, and is idempotent', { timeout: 120_000 }, () => {
    const whole = fix(['.'], { cwd: root });
    const changed = whole.files;
    // The corpus has removed apiVersions, misspelt fields and YAML 1.1 scalars of every fixable kind.
    const fixedIds = new Set(changed.flatMap((f) => f.applied.map((a) => a.ruleId)));
    expect([...fixedIds].sort()).toEqual([...FIXABLE_IDS]);
    expect(changed.length).toBeGreaterThan(20);
    // The --fix-dry-run diff of each file applies to the original and gives the fixed text.
    for (const f of changed) expect(applyPatch(f.original, fixDiff([f])), f.file).toBe(f.output);

    const dir = mkdtempSync(path.join(tmpdir(), 'kubeplan-corpus-fix-'));
    try {
      for (const f of changed) {
        mkdirSync(path.dirname(path.join(dir, f.file)), { recursive: true });
        cpSync(path.join(root, f.file), path.join(dir, f.file));
      }
      const before = lint(['.'], { cwd: dir });
      const copy = fix(['.'], { cwd: dir });
      // The fixes do not depend on the rest of the corpus: the copies get the same texts.
      expect(copy.files.map((f) => [f.file, f.output])).toEqual(changed.map((f) => [f.file, f.output]));
      expect(writeFixedFiles(copy.files, dir).written).toEqual(changed.map((f) => f.file));
      for (const f of changed) expect(readFileSync(path.join(dir, f.file), 'utf8')).toBe(f.output);

      const after = lint(['.'], { cwd: dir, fixes: true });
      expect(after.findings.filter((f) => f.fix).map((f) => `${f.file}:${f.line} ${f.ruleId}`)).toEqual([]);
      for (const f of changed) {
        const was = countsByRule(before.findings, f.file);
        const now = countsByRule(after.findings, f.file);
        for (const id of new Set(f.applied.map((a) => a.ruleId)))
          expect(now.get(id) ?? 0, `${f.file}: ${id}`).toBeLessThan(was.get(id) ?? 0);
      }
      expect(fix(['.'], { cwd: dir }).files).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
